/**
 * One tab's terminal to one job: its connection (SessionLifecycle, the state machine), and what
 * goes through it: keystrokes (SessionInput), output with flow control and the core's markers
 * (SessionOutput), the job log (TraceFollower) and the hold (session-hold), joined into the view
 * the renderer shows.
 */
import type {
  CloseReason,
  HoldInfo,
  LogUpdate,
  SessionState,
  SessionView,
  Transcript,
} from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import { GitlabError } from '../gitlab/gitlab-error';
import { reason } from './close-reasons';
import type { SessionHold } from '../hold/hold-seam';
import { sanitizePaste } from './input-encoding';
import { reconnectedMarker, sessionEndedMarker } from './markers';
import { signedOutReason, type SessionEnv, type SessionTarget } from './session-env';
import { attachHold } from '../hold/session-hold';
import { SessionInput } from './session-input';
import { SessionLifecycle } from './session-lifecycle';
import { createJobLog, followLog } from './session-log';
import { SessionOutput } from './session-output';
import type { TraceFollower } from '../job-log/trace-follower';

/** Calm words for the user's own Release (issue 12): what happens to the job, never an error. */
function releasedReason(scriptResult: HoldInfo['scriptResult'] | undefined): CloseReason {
  return reason(
    'released',
    scriptResult === undefined
      ? 'Released: the terminal was closed so the job can finish.'
      : scriptResult === null
        ? 'Released: the job finished its script and can complete now.'
        : `Released: the job finished (${scriptResult}).`,
  );
}

export class TerminalSession {
  #size: { cols: number; rows: number } | null = null;
  readonly #life: SessionLifecycle;
  readonly #output: SessionOutput;
  readonly #input = new SessionInput();
  readonly #follower: TraceFollower;
  readonly #hold: SessionHold | null;

  constructor(
    readonly id: string,
    readonly target: SessionTarget,
    private readonly env: SessionEnv,
  ) {
    this.#output = new SessionOutput(
      env.clock,
      { pause: () => this.#life.attempt?.pause(), resume: () => this.#life.attempt?.resume() },
      // Straight to the service's batcher: no relay of our own on the hot path.
      env.output,
      env.flowLimits,
      env.markers,
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
    this.#life = new SessionLifecycle(id, target, env, {
      data: (data) => {
        if (this.#output.data(data)) env.changed();
      },
      opened: (connections) => {
        this.#output.reapplyPause();
        // Every connection is a new shell (docs/gitlab-terminal-protocol.md §5.2); the old scrollback stays in the tab.
        if (connections > 1 && env.markers) this.#output.marker(reconnectedMarker());
        this.#follower.setSessionOpen(true);
        this.#hold?.sessionChanged();
      },
      socketClosed: () => {
        this.#follower.setSessionOpen(false);
        this.#hold?.sessionChanged();
      },
      ended: (closeReason) => {
        if (env.markers) this.#output.marker(sessionEndedMarker(closeReason.message));
      },
      jobEnded: () => {
        this.#follower.jobEnded();
      },
      fetchLog: () => this.#follower.refresh(),
      typedExit: () =>
        this.#input.typedExit(env.clock.now(), env.tuning.exitWindowMs, this.#output.lastOutputAt),
    });
    this.#hold = attachHold(env, {
      sessionId: id,
      target,
      onTrace: (listener) => this.#follower.subscribe(listener),
      lastInputAt: () => this.#input.lastInputAt,
      // Only a socket that is still there holds the job (not one that just dropped).
      connected: () => this.#life.attempt !== null && this.#life.phase.kind === 'open',
      release: () => {
        this.release();
      },
    });
  }

  /** Starts the first connection. */
  start(): void {
    this.#life.start();
  }

  get unackedBytes(): number {
    return this.#output.unacked;
  }

  get paused(): boolean {
    return this.#output.paused;
  }

  /** Whether a socket (open, opening or closing) exists right now. */
  get hasSocket(): boolean {
    return this.#life.attempt !== null;
  }

  hold(): HoldInfo | null {
    return this.#life.phase.kind === 'open' ? (this.#hold?.current() ?? null) : null;
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
      connections: this.#life.connections,
      droppedBytes: this.#output.droppedBytes,
    };
  }

  #state(): SessionState {
    const phase = this.#life.phase;
    const hold = this.hold();
    // The hold began timeoutS before its deadline; that is when "held" started.
    return hold === null
      ? phase
      : { kind: 'held', since: hold.deadline - hold.timeoutS * 1000, hold };
  }

  // ── input and output ─────────────────────────────────────────────────────────────────────

  /** Keystrokes: refused unless open (never queued into a shell that does not exist yet). */
  input(data: string): void {
    const attempt = this.#life.attempt;
    const state = this.#life.phase.kind;
    if (attempt === null || state !== 'open') {
      this.env.logger.log('debug', 'terminal input dropped: the session is not open', {
        sessionId: this.id,
        state,
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
    if (this.#life.phase.kind !== 'open') return;
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

  #client(): GitlabClient {
    const connection = this.env.connection();
    if (connection === null) {
      throw new GitlabError({ kind: 'unauthorized' }, signedOutReason(this.target.host).message);
    }
    return this.env.client(connection);
  }

  // ── user actions ─────────────────────────────────────────────────────────────────────────

  /** Manual reconnect from any closed (or waiting-to-reconnect) state: a new shell, a fresh budget. */
  reconnect(): void {
    this.#life.reconnect();
  }

  /** Close(1000): the runner gets 0x04 and a held job finishes at once. The tab keeps the reason. */
  release(): void {
    this.#life.endWith(releasedReason(this.hold()?.scriptResult));
  }

  /** Ends the session for good with `closeReason` (the tab stays and shows it). */
  endWith(closeReason: CloseReason): void {
    this.#life.endWith(closeReason);
  }

  keep(): void {
    this.#hold?.keep();
  }

  /** After sleep or a clock jump: see SessionLifecycle.resumed. */
  resumed(): void {
    this.#life.resumed();
  }

  /** Closes for good (the tab goes away); resolves once the socket is fully closed. */
  dispose(): Promise<void> {
    const closed = this.#life.dispose();
    this.#follower.dispose();
    this.#hold?.dispose();
    return closed;
  }
}
