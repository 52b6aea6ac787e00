/**
 * The connection state machine of one session: connecting → open → checking (asking GitLab why it
 * dropped) → reconnecting, or closed with a reason, which is final for this connection. At most
 * one socket at a time, ever: a new one is made only after the previous one reported closed. What
 * the bytes, the log and the hold do around it is the session's business (LifecycleHooks).
 */
import type { CloseReason, SessionState } from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';
import { reason } from './close-reasons';
import type { DropVerdict } from './drop-reasons';
import type { AttemptOutcome, ConnectionAttempt } from './connection-attempt';
import { diagnoseSessionDrop, type DropOptions } from './drop-diagnosis';
import { ReconnectBudget } from './reconnect-budget';
import { explainFailedHandshake, startAttempt } from './session-connect';
import { signedOutReason, type SessionEnv, type SessionTarget } from './session-env';

/** SessionState without 'held', which the session derives from the hold feature when asked. */
export type Phase = Exclude<SessionState, { readonly kind: 'held' }>;

/** What the session does around the connection's events. */
export interface LifecycleHooks {
  /** Socket output. */
  data(data: Uint8Array): void;
  /** A socket opened: a new shell, the `connections`-th of this tab. */
  opened(connections: number): void;
  /** The socket is gone (dropped, refused or closed by us). */
  socketClosed(): void;
  /** The session ended for good with `reason`. */
  ended(reason: CloseReason): void;
  /** GitLab says the job is over. */
  jobEnded(): void;
  /** The whole job log, for the drop diagnosis. */
  fetchLog(): Promise<string>;
  /** `exit` or Ctrl-D was typed just now. */
  typedExit(): boolean;
}

export class SessionLifecycle {
  #phase: Phase;
  #attempt: ConnectionAttempt | null = null;
  /** Bumped by every user action and state change that makes pending async work stale. */
  #epoch = 0;
  #connections = 0;
  #disposed = false;
  /** Set while we close the socket to end the session for good: the reason it then ends with. */
  #ending: CloseReason | null = null;
  readonly #budget: ReconnectBudget;

  constructor(
    private readonly sessionId: string,
    private readonly target: SessionTarget,
    private readonly env: SessionEnv,
    private readonly hooks: LifecycleHooks,
  ) {
    this.#phase = {
      kind: 'connecting',
      attempt: 1,
      since: env.clock.now(),
      waitingForRunner: false,
    };
    this.#budget = new ReconnectBudget(env.clock, env.tuning, env.random);
  }

  get phase(): Phase {
    return this.#phase;
  }

  /** How many shells this tab has had. */
  get connections(): number {
    return this.#connections;
  }

  /** The socket (open, opening or closing), null between connections. */
  get attempt(): ConnectionAttempt | null {
    return this.#attempt;
  }

  /** Starts the first connection. */
  start(): void {
    void this.#connect(false);
  }

  /** Manual reconnect from any closed (or waiting-to-reconnect) state: a new shell, a fresh budget. */
  reconnect(): void {
    if (this.#disposed || this.#attempt !== null) return;
    if (this.#phase.kind !== 'closed' && this.#phase.kind !== 'reconnecting') return;
    this.#budget.reset();
    void this.#connect(false);
  }

  /**
   * Ends the session for good with `closeReason`: Close(1000) first when a socket exists, and no
   * automatic reconnect afterwards. A session that already ended keeps its reason.
   */
  endWith(closeReason: CloseReason): void {
    if (this.#disposed || this.#phase.kind === 'closed') return;
    const attempt = this.#attempt;
    if (attempt === null) {
      this.#end(closeReason);
      return;
    }
    this.#ending = closeReason;
    attempt.close('end');
  }

  /**
   * The machine woke from sleep or the clock jumped (quality F13). An open socket gets one fresh
   * liveness check; a reconnect that was waiting on a pre-sleep timer checks the job once, now.
   * Nothing is concluded from the jump itself: no drop, no reason, no notification.
   */
  resumed(): void {
    if (this.#disposed) return;
    switch (this.#phase.kind) {
      case 'open':
        this.#attempt?.resumed();
        return;
      case 'reconnecting': {
        this.#budget.cancel();
        const epoch = ++this.#epoch;
        void this.#retryNow(epoch);
        return;
      }
      case 'connecting':
      case 'checking':
      case 'closed':
        return;
      default:
        assertNever(this.#phase, 'session phase');
    }
  }

  /** Stops everything; resolves once the socket is fully closed. */
  dispose(): Promise<void> {
    this.#disposed = true;
    this.#epoch += 1;
    this.#budget.cancel();
    const attempt = this.#attempt;
    if (attempt === null) return Promise.resolve();
    attempt.close('user');
    return attempt.done;
  }

  async #connect(reconnecting: boolean): Promise<void> {
    const epoch = ++this.#epoch;
    const attempt = this.#budget.nextAttempt;
    const since = this.env.clock.now();
    this.#enter({ kind: 'connecting', attempt, since, waitingForRunner: false });
    await this.env.previousClosed();
    if (this.#stale(epoch) || this.#attempt !== null) return;
    const connection = this.env.connection();
    if (connection === null) {
      this.#end(signedOutReason(this.target.host));
      return;
    }
    const { jobId, host } = this.target;
    const sessionId = this.sessionId;
    this.env.logger.log('info', 'terminal connecting', { sessionId, jobId, host, attempt });
    try {
      this.#attempt = startAttempt(this.env, this.target, connection, {
        waitingForRunner: () => {
          if (this.#phase.kind !== 'connecting') return;
          this.#enter({ ...this.#phase, waitingForRunner: true });
        },
        opened: () => {
          this.#onOpened();
        },
        data: (data) => {
          this.hooks.data(data);
        },
        closed: (outcome) => {
          this.#onClosed(outcome, reconnecting);
        },
      });
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
    const connections = this.#connections;
    this.env.logger.log('info', 'terminal open', { sessionId: this.sessionId, connections });
    this.hooks.opened(connections);
    this.env.changed();
  }

  #onClosed(outcome: AttemptOutcome, reconnecting: boolean): void {
    this.#attempt = null;
    this.hooks.socketClosed();
    if (this.#disposed) return;
    const { code, closedBy, opened } = outcome;
    const sessionId = this.sessionId;
    this.env.logger.log('info', 'terminal socket closed', { sessionId, code, closedBy, opened });
    if (this.#ending !== null) {
      this.#end(this.#ending);
    } else if (opened) {
      const now = this.env.clock.now();
      this.#budget.connectionLasted(outcome.openedAt === null ? 0 : now - outcome.openedAt);
      void this.#afterDrop();
    } else {
      void this.#afterHandshakeFailure(outcome, reconnecting);
    }
  }

  async #afterHandshakeFailure(outcome: AttemptOutcome, reconnecting: boolean): Promise<void> {
    const epoch = ++this.#epoch;
    const explained = await explainFailedHandshake(this.env, this.target, outcome, reconnecting);
    if (this.#stale(epoch)) return;
    if (explained.authFailure) this.env.reportAuthFailure('terminal-handshake');
    if (explained.jobEnded) this.hooks.jobEnded();
    if (explained.retry) this.#scheduleRetry(explained.reason);
    else this.#end(explained.reason);
  }

  /** The socket dropped without us closing it: 'checking' until GitLab said why. */
  async #afterDrop(): Promise<void> {
    const epoch = ++this.#epoch;
    const typedExit = this.hooks.typedExit();
    this.#enter({ kind: 'checking', since: this.env.clock.now() });
    const verdict = await this.#diagnose({ typedExit, thorough: true });
    if (this.#stale(epoch)) return;
    this.#apply(verdict);
  }

  #diagnose(options: DropOptions): Promise<DropVerdict> {
    return diagnoseSessionDrop(this.env, this.target, () => this.hooks.fetchLog(), options);
  }

  #apply(verdict: DropVerdict): void {
    switch (verdict.kind) {
      case 'end': {
        const { code } = verdict.reason;
        if (code !== 'shell-exited' && code !== 'sign-in-required') this.hooks.jobEnded();
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
    const epoch = ++this.#epoch;
    const scheduled = this.#budget.schedule(() => {
      void this.#retryNow(epoch);
    });
    if (scheduled === null) {
      this.#end(this.#budget.gaveUp(last));
      return;
    }
    this.#enter({ kind: 'reconnecting', ...scheduled, lastReason: last });
  }

  /** Before reconnecting on its own, checks the job still runs: no new shell for a finished job. */
  async #retryNow(epoch: number): Promise<void> {
    if (this.#stale(epoch)) return;
    const verdict = await this.#diagnose({ typedExit: false, thorough: false });
    if (this.#stale(epoch)) return;
    if (verdict.kind === 'end') this.#apply(verdict);
    else await this.#connect(true);
  }

  /** Final for this connection: nothing changes it but a new connection. */
  #end(closeReason: CloseReason): void {
    this.#epoch += 1;
    this.#budget.cancel();
    this.#ending = null;
    this.#phase = { kind: 'closed', reason: closeReason };
    this.hooks.ended(closeReason);
    this.env.logger.log('info', 'terminal session ended', {
      sessionId: this.sessionId,
      code: closeReason.code,
    });
    this.env.changed();
  }

  #enter(phase: Phase): void {
    this.#phase = phase;
    this.env.changed();
  }

  /** Async work started at `epoch` is stale once anything else happened to the session. */
  #stale(epoch: number): boolean {
    return epoch !== this.#epoch || this.#disposed;
  }
}
