/**
 * The open sessions: one per job (keyed account/job, never two sockets to one job), and the sockets
 * of closed tabs still finishing their close, which a new tab for the same job waits for.
 */
import { ContractError } from '../../../shared/contract';
import type { CloseReason, SessionView } from '../../../shared/models';
import type { Logger } from '../ports';
import type { TerminalSession } from './terminal-session';

/** The registry key of a job: one session per account and job. */
export function keyOf(accountId: string, jobId: number): string {
  return `${accountId}/${jobId}`;
}

/** The live sessions by id and by job, and the closes still draining by job. */
export class SessionRegistry {
  readonly #sessions = new Map<string, TerminalSession>();
  readonly #byKey = new Map<string, string>();
  /** Sockets of closed tabs still finishing their close, by job key: a new tab waits for them. */
  readonly #draining = new Map<string, Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Every session's view, in opening order. */
  list(): readonly SessionView[] {
    return [...this.#sessions.values()].map((s) => s.view());
  }

  /** The session, or undefined once it was closed. */
  get(sessionId: string): TerminalSession | undefined {
    return this.#sessions.get(sessionId);
  }

  /** The session, or a not-found error for the user. */
  find(sessionId: string): TerminalSession {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) {
      throw new ContractError(
        'not-found',
        'This terminal session no longer exists: it was closed.',
      );
    }
    return session;
  }

  /** For fire-and-forget notifications (keystrokes, acks): an unknown session is logged, not thrown. */
  withSession(sessionId: string, what: string, action: (session: TerminalSession) => void): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) {
      this.logger.log('debug', `terminal ${what} for an unknown session ignored`, { sessionId });
      return;
    }
    action(session);
  }

  /** The job's open session, if any. */
  byKey(key: string): TerminalSession | undefined {
    const id = this.#byKey.get(key);
    return id === undefined ? undefined : this.#sessions.get(id);
  }

  /** Registers a new session as its job's one session. */
  add(key: string, session: TerminalSession): void {
    this.#sessions.set(session.id, session);
    this.#byKey.set(key, session.id);
  }

  /** Settles once every earlier socket to the job has finished closing. */
  previousClosed(key: string): Promise<void> {
    return this.#draining.get(key) ?? Promise.resolve();
  }

  /**
   * Forgets the session and starts closing its socket (tracked until done); `discard` drops its
   * pending output first. False when the session was already gone.
   */
  close(sessionId: string, discard: (sessionId: string) => void): boolean {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return false;
    this.#sessions.delete(sessionId);
    const key = keyOf(session.target.accountId, session.target.jobId);
    if (this.#byKey.get(key) === sessionId) this.#byKey.delete(key);
    discard(sessionId);
    const done = Promise.all([this.previousClosed(key), session.dispose()]).then(() => undefined);
    this.#draining.set(key, done);
    void done.then(() => {
      if (this.#draining.get(key) === done) this.#draining.delete(key);
    });
    return true;
  }

  /** Releases every idle session the user did not choose to keep; returns how many. */
  releaseAllIdle(): number {
    let released = 0;
    for (const session of this.#sessions.values()) {
      const hold = session.hold();
      if (hold?.idle === true && !hold.kept) {
        session.release();
        released += 1;
      }
    }
    return released;
  }

  /** Ends every session of the account with the reason (signed out, removed). */
  closeAccount(accountId: string, closeReason: CloseReason): void {
    for (const session of this.#sessions.values()) {
      if (session.target.accountId === accountId) session.endWith(closeReason);
    }
  }

  /**
   * Forgets every session and closes all sockets; settles when they and the earlier closes are
   * done. The forgetting happens at once, before the first await.
   */
  async disposeAll(): Promise<void> {
    const closing = [...this.#sessions.values()].map((session) => session.dispose());
    this.#sessions.clear();
    this.#byKey.clear();
    await Promise.all([...closing, ...this.#draining.values()]);
    this.#draining.clear();
  }
}
