/**
 * Follows one job's log through the REST trace endpoint, which has no offsets (docs/gitlab-terminal-protocol.md §6.4):
 * every poll downloads the whole log and only the appended part is passed on (or a reset when the
 * log changed under us). It polls only while someone needs it and the job is running.
 */
import type { JobStatus } from '../../../shared/models';
import { isGitlabError } from '../gitlab/gitlab-error';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { Unsubscribe } from '../services';

/** Ask for the job's status on every this many polls: the trace itself does not say it. */
export const STATUS_EVERY_POLLS = 3;
/** After a failed poll the interval doubles up to this, so a broken instance is not hammered. */
export const MAX_POLL_BACKOFF_MS = 60_000;
const FINISHED: ReadonlySet<JobStatus | 'unknown'> = new Set([
  'success',
  'failed',
  'canceled',
  'skipped',
]);
/** The part of the last log compared with the new one to tell "appended" from "rewritten". */
const TAIL_CHECK_CHARS = 256;

export interface TraceUpdate {
  /** The whole log so far. */
  readonly log: string;
  /** New text since the previous update, or the whole log when `reset`. */
  readonly appended: string;
  readonly reset: boolean;
}

export interface TraceSource {
  trace(): Promise<string>;
  status(): Promise<JobStatus | 'unknown'>;
}

/** One job's log, shared by the log pane and the hold feature. */
export class TraceFollower {
  #log = '';
  #haveLog = false;
  #running = true;
  #followed = false;
  #sessionOpen = false;
  #subscribers = new Set<(update: TraceUpdate) => void>();
  #timer: TimerHandle | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #polls = 0;
  #failures = 0;
  #disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly source: TraceSource,
    private readonly pollMs: number,
    private readonly logger: Logger,
    /** Receives updates while the log is followed (the log pane). */
    private readonly onFollowedUpdate: (update: TraceUpdate) => void,
  ) {}

  get log(): string {
    return this.#log;
  }

  /** Other consumers (the hold feature): subscribing keeps the log polled while the session is open. */
  subscribe(listener: (update: TraceUpdate) => void): Unsubscribe {
    this.#subscribers.add(listener);
    this.#reschedule();
    return () => {
      this.#subscribers.delete(listener);
      this.#reschedule();
    };
  }

  /** The log pane opened (true) or closed (false). */
  setFollowed(followed: boolean): void {
    this.#followed = followed;
    this.#reschedule();
  }

  setSessionOpen(open: boolean): void {
    this.#sessionOpen = open;
    this.#reschedule();
  }

  /** The job left `running` (seen by the session): fetch the final log once, then stop. */
  jobEnded(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#reschedule();
    if (this.#followed || this.#subscribers.size > 0) this.refresh().catch(() => undefined);
  }

  /**
   * Fetches the log now (after any fetch already under way) and returns all of it. Subscribers get
   * the change; the followed-log listener only when `notifyFollower`.
   */
  refresh(notifyFollower = true): Promise<string> {
    const next = this.#chain.then(() => this.#fetch(notifyFollower));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscribers.clear();
    this.#clearTimer();
  }

  #active(): boolean {
    return (
      !this.#disposed &&
      this.#running &&
      (this.#followed || (this.#sessionOpen && this.#subscribers.size > 0))
    );
  }

  #reschedule(delay = this.pollMs): void {
    if (!this.#active()) {
      this.#clearTimer();
      return;
    }
    if (this.#timer !== null) return;
    this.#timer = this.clock.setTimeout(() => {
      this.#timer = null;
      void this.#poll();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #poll(): Promise<void> {
    if (!this.#active()) return;
    let delay = this.pollMs;
    try {
      await this.refresh();
      this.#polls += 1;
      if (this.#polls % STATUS_EVERY_POLLS === 0) {
        const status = await this.source.status();
        // Pending jobs have not reached `running` yet; only a finished job's log stops growing.
        if (FINISHED.has(status)) this.jobEnded();
      }
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      if (isGitlabError(error, 'rate-limited') && error.problem.kind === 'rate-limited') {
        // Respect Retry-After: no request to this instance until it has passed (quality F6).
        delay = Math.max(this.pollMs, error.problem.retryAfterMs);
      } else {
        delay = Math.min(MAX_POLL_BACKOFF_MS, this.pollMs * 2 ** this.#failures);
      }
      // One line per failure streak, not one per poll (quality F8).
      if (this.#failures === 1) {
        this.logger.log('warn', 'job log poll failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    this.#reschedule(delay);
  }

  async #fetch(notifyFollower: boolean): Promise<string> {
    const text = await this.source.trace();
    if (this.#disposed) return text;
    const update = this.#apply(text);
    if (update !== null) {
      for (const listener of this.#subscribers) listener(update);
      if (notifyFollower && this.#followed) this.onFollowedUpdate(update);
    }
    return text;
  }

  /** The change from the last log to `text`, or null when nothing changed. */
  #apply(text: string): TraceUpdate | null {
    const previous = this.#log;
    const first = !this.#haveLog;
    this.#log = text;
    this.#haveLog = true;
    if (!first && text === previous) return null;
    if (!first && text.length >= previous.length && sameTail(previous, text)) {
      if (text.length === previous.length) return null;
      return { log: text, appended: text.slice(previous.length), reset: false };
    }
    return { log: text, appended: text, reset: true };
  }
}

/** The new log still ends the old part where the old log ended (a cheap "is it appended?" check). */
function sameTail(previous: string, next: string): boolean {
  const from = Math.max(0, previous.length - TAIL_CHECK_CHARS);
  return next.startsWith(previous.slice(from), from);
}
