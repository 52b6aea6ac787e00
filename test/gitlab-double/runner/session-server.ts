import type { CounterSet } from '../core/counters';
import type { DoubleEvents } from '../core/events';
import type { DisconnectReason, RunnerFault } from '../core/types';
import type { RunnerSession, TerminalControl } from '../state/model';
import { hasTerminal } from '../state/permissions';
import { fullPathOf, type Store } from '../state/store';
import { RunnerTerminal } from './runner-terminal';
import { spawnShell } from './shell';
import type { TempDirs } from './temp-dirs';

/** What Rails hands Workhorse in `/authorize` (workhorse/internal/api/channel_settings.go). */
export interface Channel {
  readonly subprotocols: readonly string[];
  readonly url: string;
  /** Sent raw in `Authorization`, no scheme. */
  readonly authorization: string;
  /** Job terminals never set MaxSessionTime. */
  readonly maxSessionTime: null;
}

/** Why Workhorse's dial to the runner failed; every one of them is a 500 to the client. */
export type DialFailure =
  | 'unreachable'
  | 'tls-mismatch'
  | 'session-not-found'
  | 'unauthorized'
  | 'not-ready'
  | 'locked'
  | 'connect-failed'
  | 'aborted';

export type DialOutcome =
  | { readonly kind: 'connected'; readonly terminal: RunnerTerminal }
  | { readonly kind: 'failed'; readonly failure: DialFailure };

export interface SessionServerDeps {
  readonly store: Store;
  readonly events: DoubleEvents;
  readonly counters: CounterSet;
  readonly tempDirs: TempDirs;
  readonly readyTimeoutMs: number;
  /** The connected-terminal state of a job changed. */
  readonly onTerminalChange: (jobId: number, attached: boolean) => void;
}

/** BuildRunnerSession#terminal_specification: https→wss plus `/exec`. */
export function execUrl(session: RunnerSession): string {
  return `${session.url.replace(/^https:/, 'wss:')}/exec`;
}

function failed(failure: DialFailure): DialOutcome {
  return { kind: 'failed', failure };
}

/**
 * The runner's `[session_server]`: finds the job session by URL, checks the token, waits for the
 * executor, allows one terminal per job (423 otherwise) and starts a new shell per connection.
 */
export class SessionServer implements TerminalControl {
  readonly #deps: SessionServerDeps;
  readonly #faults = new Map<number, RunnerFault>();
  readonly #connections = new Map<number, RunnerTerminal>();
  /** Every shell not yet exited, including ones whose connection already ended. */
  readonly #shells = new Set<RunnerTerminal>();
  readonly #readyWaiters = new Set<() => void>();
  #closing = false;

  constructor(deps: SessionServerDeps) {
    this.#deps = deps;
  }

  setFault(jobId: number, fault: RunnerFault | null): void {
    if (fault === null) this.#faults.delete(jobId);
    else this.#faults.set(jobId, fault);
    for (const wake of [...this.#readyWaiters]) wake();
  }

  /** The job's connected runner terminal, if any. */
  terminalOf(jobId: number): RunnerTerminal | undefined {
    return this.#connections.get(jobId);
  }

  isConnected(jobId: number): boolean {
    return this.#connections.has(jobId);
  }

  kill(jobId: number, reason: DisconnectReason): void {
    this.#connections.get(jobId)?.end(reason, 'hangup');
  }

  async dial(channel: Channel, signal: AbortSignal): Promise<DialOutcome> {
    if (this.#closing) return failed('aborted');
    const job = [...this.#deps.store.jobs.values()].find(
      (j) => j.runnerSession !== null && channel.url === execUrl(j.runnerSession),
    );
    // Network and TLS faults stop the dial before any HTTP reaches the session server.
    const networkFault = job === undefined ? undefined : this.#faults.get(job.id);
    if (networkFault === 'unreachable' || networkFault === 'tls-mismatch') {
      return failed(networkFault);
    }
    if (job?.runnerSession == null) return failed('session-not-found');
    if (job.runnerSession.token !== channel.authorization) return failed('unauthorized');
    if (!(await this.#waitForExecutor(job.id, signal))) {
      return failed(signal.aborted || this.#isClosing() ? 'aborted' : 'not-ready');
    }
    if (this.#isClosing()) return failed('aborted');
    if (!hasTerminal(job)) return failed('session-not-found');
    if (this.#connections.has(job.id)) return failed('locked');
    const project = this.#deps.store.projects.get(job.projectId);
    if (project === undefined) return failed('session-not-found');
    let terminal: RunnerTerminal;
    try {
      const pty = spawnShell({
        jobId: job.id,
        projectId: project.id,
        projectPath: fullPathOf(project),
        ref: job.ref,
        cwd: this.#deps.tempDirs.forJob(job.id),
      });
      terminal = new RunnerTerminal(job.id, pty, this.#deps.events, this.#deps.counters);
    } catch {
      return failed('connect-failed');
    }
    this.#connections.set(job.id, terminal);
    this.#shells.add(terminal);
    void terminal.exited().then(() => this.#shells.delete(terminal));
    terminal.onClose(() => {
      if (this.#connections.get(job.id) !== terminal) return;
      this.#connections.delete(job.id);
      this.#deps.onTerminalChange(job.id, false);
    });
    this.#deps.onTerminalChange(job.id, true);
    return { kind: 'connected', terminal };
  }

  /** Hangs every shell up and waits until all of them are gone. */
  async closeAll(): Promise<void> {
    this.#closing = true;
    for (const wake of [...this.#readyWaiters]) wake();
    for (const terminal of [...this.#connections.values()]) terminal.end('double-closed', 'hangup');
    await Promise.all([...this.#shells].map((t) => t.exited()));
  }

  /** A method, not the field, so the check after an await is not "narrowed" away. */
  #isClosing(): boolean {
    return this.#closing;
  }

  /** Resolves true once the executor is ready, false on the ready timeout or an abort. */
  #waitForExecutor(jobId: number, signal: AbortSignal): Promise<boolean> {
    if (this.#faults.get(jobId) !== 'not-ready') return Promise.resolve(true);
    this.#deps.events.emit('executor-wait', { jobId });
    return new Promise((resolve) => {
      const finish = (ready: boolean): void => {
        clearTimeout(timer);
        this.#readyWaiters.delete(check);
        signal.removeEventListener('abort', onAbort);
        resolve(ready);
      };
      const check = (): void => {
        if (signal.aborted || this.#closing) finish(false);
        else if (this.#faults.get(jobId) !== 'not-ready') finish(true);
      };
      const onAbort = (): void => {
        finish(false);
      };
      const timer = setTimeout(() => {
        finish(false);
      }, this.#deps.readyTimeoutMs);
      this.#readyWaiters.add(check);
      signal.addEventListener('abort', onAbort);
    });
  }
}
