/**
 * One tab's terminal to one job: the connection state machine (connecting → open/held →
 * reconnecting → closed with a reason). At most one socket at a time, ever: a new one is made
 * only after the previous one reported closed. Output and input details live in SessionOutput
 * and SessionInput; the reasons in close-reasons, handshake-diagnosis and drop-diagnosis.
 */
import type {
  AppNotification,
  CloseReason,
  HoldInfo,
  LogUpdate,
  SessionState,
  SessionView,
  Transcript,
} from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';
import type { GitlabClient } from '../gitlab/gitlab-client';
import { GitlabError } from '../gitlab/gitlab-error';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { AccountConnection, AuthFailureSource } from '../services';
import { reason, type DropVerdict } from './close-reasons';
import { ConnectionAttempt, type AttemptOutcome } from './connection-attempt';
import { gatherDropVerdict, type DropOptions } from './drop-diagnosis';
import type { FlowLimits } from './flow-control';
import { explainHandshakeFailure } from './handshake-diagnosis';
import type { HoldTracker, SessionHold } from './hold';
import { sanitizePaste } from './input-encoding';
import { terminalSocketUrl } from './job-url';
import { reconnectedMarker, sessionEndedMarker } from './markers';
import { SessionInput } from './session-input';
import { SessionOutput } from './session-output';
import type { SocketFactory } from './socket';
import { createJobLog, followLog } from './session-log';
import type { TraceFollower } from './trace-follower';
import type { TerminalTuning } from './tuning';

/**
 * A connection that stayed up this long earns a fresh reconnect budget; one that drops sooner
 * keeps counting, so open-then-drop cycles stop after maxReconnectAttempts (no endless loop).
 */
export const STABLE_CONNECTION_MS = 60_000;

const RELEASED = reason('released', 'Released: the terminal was closed so the job can finish.');

/** The job a session talks to. */
export interface SessionTarget {
  readonly accountId: string;
  readonly host: string;
  readonly jobId: number;
  readonly projectId: number;
  readonly projectPath: string;
  readonly jobName: string;
  readonly webUrl: string;
}

/** What a session needs from the service around it. */
export interface SessionEnv {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tuning: TerminalTuning;
  readonly random: () => number;
  readonly createSocket: SocketFactory;
  readonly userAgent: string;
  readonly flowLimits?: FlowLimits;
  readonly holdTracker?: HoldTracker;
  /** The account's current credentials (they may change after a re-sign-in), null when signed out. */
  connection(): AccountConnection | null;
  client(connection: AccountConnection): GitlabClient;
  reportAuthFailure(source: AuthFailureSource): void;
  output(data: Uint8Array): void;
  changed(): void;
  followedLog(update: LogUpdate): void;
  notification(notification: AppNotification): void;
  /** Resolves once no other socket to this job is still closing. */
  previousClosed(): Promise<void>;
}

/** SessionState without 'held', which is derived from the hold tracker when asked. */
type Phase = Exclude<SessionState, { readonly kind: 'held' }>;

export class TerminalSession {
  #phase: Phase;
  #attempt: ConnectionAttempt | null = null;
  /** Bumped by every user action and state change that makes pending async work stale. */
  #epoch = 0;
  #retries = 0;
  #retryTimer: TimerHandle | null = null;
  #connections = 0;
  #size: { cols: number; rows: number } | null = null;
  #disposed = false;
  readonly #output: SessionOutput;
  readonly #input = new SessionInput();
  readonly #follower: TraceFollower;
  readonly #hold: SessionHold | null;

  constructor(
    readonly id: string,
    readonly target: SessionTarget,
    private readonly env: SessionEnv,
  ) {
    this.#phase = {
      kind: 'connecting',
      attempt: 1,
      since: env.clock.now(),
      waitingForRunner: false,
    };
    this.#output = new SessionOutput(
      env.clock,
      { pause: () => this.#attempt?.pause(), resume: () => this.#attempt?.resume() },
      (bytes) => {
        env.output(bytes);
      },
      env.flowLimits,
    );
    this.#follower = createJobLog({
      clock: env.clock,
      logger: env.logger,
      pollMs: env.tuning.tracePollMs,
      sessionId: id,
      projectId: target.projectId,
      jobId: target.jobId,
      client: () => this.#client(),
      emit: (update) => {
        env.followedLog(update);
      },
    });
    this.#hold =
      env.holdTracker?.({
        sessionId: id,
        accountId: target.accountId,
        jobId: target.jobId,
        jobName: target.jobName,
        projectPath: target.projectPath,
        onTrace: (listener) => this.#follower.subscribe(listener),
        lastInputAt: () => this.#input.lastInputAt,
        connected: () => this.#phase.kind === 'open',
        release: () => {
          this.release();
        },
      }) ?? null;
    this.#hold?.onChange(() => {
      env.changed();
    });
    this.#hold?.onNotification?.((notification) => {
      env.notification(notification);
    });
  }

  /** Starts the first connection. */
  start(): void {
    void this.#connect(false);
  }

  get unackedBytes(): number {
    return this.#output.unacked;
  }

  get paused(): boolean {
    return this.#output.paused;
  }

  /** Whether a socket (open, opening or closing) exists right now. */
  get hasSocket(): boolean {
    return this.#attempt !== null;
  }

  hold(): HoldInfo | null {
    return this.#phase.kind === 'open' ? (this.#hold?.current() ?? null) : null;
  }

  view(): SessionView {
    const t = this.target;
    return {
      id: this.id,
      accountId: t.accountId,
      jobId: t.jobId,
      projectId: t.projectId,
      projectPath: t.projectPath,
      jobName: t.jobName,
      webUrl: t.webUrl,
      state: this.#state(),
      lastInputAt: this.#input.lastInputAt,
      lastOutputAt: this.#output.lastOutputAt,
      connections: this.#connections,
      droppedBytes: this.#output.droppedBytes,
    };
  }

  #state(): SessionState {
    const phase = this.#phase;
    const hold = this.hold();
    // The hold began timeoutS before its deadline; that is when "held" started.
    return hold === null
      ? phase
      : { kind: 'held', since: hold.deadline - hold.timeoutS * 1000, hold };
  }

  // ── input and output ─────────────────────────────────────────────────────────────────────

  /** Keystrokes: refused unless open (never queued into a shell that does not exist yet). */
  input(data: string): void {
    const attempt = this.#attempt;
    if (attempt === null || this.#phase.kind !== 'open') {
      this.env.logger.log('debug', 'terminal input dropped: the session is not open', {
        sessionId: this.id,
        state: this.#phase.kind,
      });
      return;
    }
    for (const frame of this.#input.frames(data, this.env.clock.now())) attempt.send(frame);
  }

  paste(data: string, bracketed: boolean): void {
    this.input(sanitizePaste(data, bracketed));
  }

  /** Types ` stty cols C rows R` (leading space: kept out of bash history); explicit opt-in only. */
  syncSize(cols: number, rows: number): void {
    if (this.#phase.kind !== 'open') return;
    this.#size = { cols, rows };
    this.input(` stty cols ${cols} rows ${rows}\r`);
  }

  ack(bytes: number): void {
    if (this.#output.ack(bytes)) this.env.changed();
  }

  transcript(format: 'text' | 'asciicast'): Transcript {
    const t = this.target;
    const meta = {
      jobId: t.jobId,
      jobName: t.jobName,
      projectPath: t.projectPath,
      webUrl: t.webUrl,
      host: t.host,
    };
    return this.#output.transcript(format, meta, this.#size);
  }

  /** Starts (whole log so far, then appended parts as events) or stops following the job log. */
  log(follow: boolean): Promise<LogUpdate | null> {
    return followLog(this.#follower, this.id, follow);
  }

  // ── connecting ───────────────────────────────────────────────────────────────────────────

  async #connect(reconnecting: boolean): Promise<void> {
    const epoch = ++this.#epoch;
    const attempt = this.#retries + 1;
    this.#phase = {
      kind: 'connecting',
      attempt,
      since: this.env.clock.now(),
      waitingForRunner: false,
    };
    this.env.changed();
    await this.env.previousClosed();
    if (this.#stale(epoch) || this.#attempt !== null) return;
    const connection = this.env.connection();
    if (connection === null) {
      this.#end(this.#signedOut());
      return;
    }
    const { jobId, host } = this.target;
    this.env.logger.log('info', 'terminal connecting', {
      sessionId: this.id,
      jobId,
      host,
      attempt,
    });
    try {
      this.#attempt = new ConnectionAttempt(
        {
          url: terminalSocketUrl(this.target.webUrl),
          headers: { Cookie: connection.cookieHeader, 'User-Agent': this.env.userAgent },
          network: connection.network,
        },
        this.env.createSocket,
        this.env.clock,
        this.env.tuning,
        this.env.logger,
        {
          waitingForRunner: () => {
            if (this.#phase.kind !== 'connecting') return;
            this.#phase = { ...this.#phase, waitingForRunner: true };
            this.env.changed();
          },
          opened: () => {
            this.#onOpened();
          },
          data: (data) => {
            if (this.#output.data(data)) this.env.changed();
          },
          closed: (outcome) => {
            this.#onClosed(outcome, reconnecting);
          },
        },
      );
    } catch (error) {
      this.#attempt = null;
      const detail = error instanceof Error ? error.message : String(error);
      this.#end(reason('network-error', `Could not start the connection: ${detail}`));
    }
  }

  #onOpened(): void {
    this.#epoch += 1;
    this.#connections += 1;
    this.#phase = { kind: 'open', since: this.env.clock.now() };
    this.#output.reapplyPause();
    // Every connection is a new shell (protocol §5.2); the old scrollback stays in the tab.
    if (this.#connections > 1) this.#output.marker(reconnectedMarker());
    this.env.logger.log('info', 'terminal open', {
      sessionId: this.id,
      connections: this.#connections,
    });
    this.#follower.setSessionOpen(true);
    this.#hold?.sessionChanged();
    this.env.changed();
  }

  #onClosed(outcome: AttemptOutcome, reconnecting: boolean): void {
    this.#attempt = null;
    this.#follower.setSessionOpen(false);
    this.#hold?.sessionChanged();
    if (this.#disposed) return;
    const { code, closedBy, opened } = outcome;
    this.env.logger.log('info', 'terminal socket closed', {
      sessionId: this.id,
      code,
      closedBy,
      opened,
    });
    if (closedBy === 'release') {
      this.#end(RELEASED);
    } else if (opened) {
      const lasted = outcome.openedAt === null ? 0 : this.env.clock.now() - outcome.openedAt;
      if (lasted >= STABLE_CONNECTION_MS) this.#retries = 0;
      void this.#afterDrop();
    } else {
      void this.#afterHandshakeFailure(outcome, reconnecting);
    }
  }

  async #afterHandshakeFailure(outcome: AttemptOutcome, reconnecting: boolean): Promise<void> {
    const epoch = ++this.#epoch;
    const connection = this.env.connection();
    const failure = outcome.failure ?? {
      kind: 'protocol',
      detail: 'the connection closed before GitLab answered',
    };
    const explained = await explainHandshakeFailure(failure, {
      client: connection === null ? null : this.env.client(connection),
      me: { userId: connection?.userId ?? 0, username: connection?.username ?? '' },
      target: this.target,
      fastRefusalMs: this.env.tuning.fastRefusalMs,
      reconnecting,
    });
    if (this.#stale(epoch)) return;
    if (explained.authFailure) this.env.reportAuthFailure('terminal-handshake');
    if (explained.jobEnded) this.#follower.jobEnded();
    if (explained.retry) this.#scheduleRetry(explained.reason);
    else this.#end(explained.reason);
  }

  async #afterDrop(): Promise<void> {
    const epoch = ++this.#epoch;
    const typedExit = this.#input.typedExit(this.env.clock.now(), this.env.tuning.exitWindowMs);
    this.#phase = {
      kind: 'closed',
      reason: reason('connection-lost', 'The connection dropped; asking GitLab why…'),
    };
    this.env.changed();
    const verdict = await this.#diagnose({ typedExit, thorough: true });
    if (this.#stale(epoch)) return;
    this.#apply(verdict);
  }

  #diagnose(options: DropOptions): Promise<DropVerdict> {
    const connection = this.env.connection();
    if (connection === null) return Promise.resolve({ kind: 'end', reason: this.#signedOut() });
    return gatherDropVerdict(
      {
        client: this.env.client(connection),
        projectId: this.target.projectId,
        jobId: this.target.jobId,
        host: this.target.host,
        fetchLog: () => this.#follower.refresh(),
        reportAuthFailure: (source) => {
          this.env.reportAuthFailure(source);
        },
      },
      options,
    );
  }

  #apply(verdict: DropVerdict): void {
    switch (verdict.kind) {
      case 'end': {
        const { code } = verdict.reason;
        if (code !== 'shell-exited' && code !== 'sign-in-required') this.#follower.jobEnded();
        this.#end(verdict.reason);
        return;
      }
      case 'reconnect':
        this.#scheduleRetry(verdict.reason);
        return;
      default:
        assertNever(verdict, 'drop verdict');
    }
  }

  /** Reconnects after a backoff, a bounded number of times (quality F1/F4). */
  #scheduleRetry(last: CloseReason): void {
    const { maxReconnectAttempts } = this.env.tuning;
    if (this.#retries >= maxReconnectAttempts) {
      const gaveUp = `Gave up after ${maxReconnectAttempts} attempts to reconnect: press Reconnect to try again.`;
      this.#end(reason(last.code, `${last.message} ${gaveUp}`));
      return;
    }
    this.#retries += 1;
    const delay = backoffDelay(this.#retries, this.env.tuning, this.env.random);
    const epoch = ++this.#epoch;
    const at = this.env.clock.now() + delay;
    this.#phase = { kind: 'reconnecting', attempt: this.#retries, at, lastReason: last };
    this.env.changed();
    this.#clearRetryTimer();
    this.#retryTimer = this.env.clock.setTimeout(() => {
      this.#retryTimer = null;
      void this.#retryNow(epoch);
    }, delay);
  }

  /** Before reconnecting on its own, checks the job still runs: no new shell for a finished job. */
  async #retryNow(epoch: number): Promise<void> {
    if (this.#stale(epoch)) return;
    const verdict = await this.#diagnose({ typedExit: false, thorough: false });
    if (this.#stale(epoch)) return;
    if (verdict.kind === 'end') this.#apply(verdict);
    else await this.#connect(true);
  }

  #end(closeReason: CloseReason): void {
    this.#epoch += 1;
    this.#clearRetryTimer();
    this.#phase = { kind: 'closed', reason: closeReason };
    this.#output.marker(sessionEndedMarker(closeReason.message));
    this.env.logger.log('info', 'terminal session ended', {
      sessionId: this.id,
      code: closeReason.code,
    });
    this.env.changed();
  }

  #signedOut(): CloseReason {
    return reason(
      'sign-in-required',
      `No signed-in account for ${this.target.host}: sign in again, then reconnect.`,
    );
  }

  /** Async work started at `epoch` is stale once anything else happened to the session. */
  #stale(epoch: number): boolean {
    return epoch !== this.#epoch || this.#disposed;
  }

  #clearRetryTimer(): void {
    if (this.#retryTimer !== null) this.env.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #client(): GitlabClient {
    const connection = this.env.connection();
    if (connection === null) {
      throw new GitlabError({ kind: 'unauthorized' }, this.#signedOut().message);
    }
    return this.env.client(connection);
  }

  // ── user actions ─────────────────────────────────────────────────────────────────────────

  /** Manual reconnect from any closed (or waiting-to-reconnect) state: a new shell, a fresh budget. */
  reconnect(): void {
    if (this.#disposed || this.#attempt !== null) return;
    if (this.#phase.kind !== 'closed' && this.#phase.kind !== 'reconnecting') return;
    this.#clearRetryTimer();
    this.#retries = 0;
    void this.#connect(false);
  }

  /** Close(1000): the runner gets 0x04 and a held job finishes at once. The tab keeps the reason. */
  release(): void {
    // A tab that already ended holds nothing; its reason stays as it was.
    if (this.#disposed || this.#phase.kind === 'closed') return;
    if (this.#attempt === null) this.#end(RELEASED);
    else this.#attempt.close('release');
  }

  keep(): void {
    this.#hold?.keep();
  }

  /** Closes for good (the tab goes away); resolves once the socket is fully closed. */
  dispose(): Promise<void> {
    this.#disposed = true;
    this.#epoch += 1;
    this.#clearRetryTimer();
    this.#follower.dispose();
    this.#hold?.dispose();
    const attempt = this.#attempt;
    if (attempt === null) return Promise.resolve();
    attempt.close('user');
    return attempt.done;
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelay(
  attempt: number,
  tuning: TerminalTuning,
  random: () => number,
): number {
  const ceiling = Math.min(
    tuning.reconnectMaxMs,
    tuning.reconnectBaseMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
