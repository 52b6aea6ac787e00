/**
 * The one-line notice that this terminal is what keeps a finished job running (the runner waits
 * for it up to session_timeout, docs/gitlab-terminal-protocol.md §5.4). A terminal has no banner to update, so the line is
 * printed once when the hold begins and again only at the app's reminder points (5 and 1 minute
 * left): enough to act on, never a stream of countdown lines in the middle of the user's work.
 */
import type { HoldInfo, SessionState } from '../shared/models';
import {
  finishedWords,
  formatRemaining,
  REMINDERS_BEFORE_DEADLINE_MS,
  type Clock,
  type TimerHandle,
} from '../main/core';

/** The notice for a held job, e.g. "Job 5001 finished its script; … (29:41 left). Detach …". */
export function holdNoticeText(
  jobId: number,
  hold: HoldInfo,
  now: number,
  interactive: boolean,
): string {
  const left = formatRemaining(hold.deadline - now);
  // Piped input has no detach key: the job is released when the input ends and the shell exits.
  const release = interactive
    ? 'Detach (Ctrl-] q) to release it.'
    : 'It is released when this command ends.';
  return `Job ${jobId} ${finishedWords(hold)}; this terminal is keeping it running (${left} left). ${release}`;
}

/**
 * The reminder points still ahead, latest first: those already passed when the notice was first
 * printed are dropped, since that first line already showed less time than they would.
 */
export function remindersAhead(deadline: number, now: number): readonly number[] {
  return REMINDERS_BEFORE_DEADLINE_MS.filter((before) => deadline - before > now);
}

/** Prints the notice as the session enters, stays in and leaves the held state. */
export class HoldNotice {
  #hold: HoldInfo | null = null;
  #pending: number[] = [];
  #timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly jobId: number,
    private readonly interactive: boolean,
    private readonly print: (line: string) => void,
  ) {}

  /** Called with every new session state. */
  update(state: SessionState): void {
    if (state.kind !== 'held') {
      // Not held (any more): a later hold is a new one and gets its own notice.
      this.#reset();
      return;
    }
    const first = this.#hold === null;
    this.#hold = state.hold;
    if (!first) return;
    const now = this.clock.now();
    this.print(holdNoticeText(this.jobId, state.hold, now, this.interactive));
    this.#pending = [...remindersAhead(state.hold.deadline, now)];
    this.#schedule();
  }

  dispose(): void {
    this.#reset();
  }

  #schedule(): void {
    const hold = this.#hold;
    const [next] = this.#pending;
    if (hold === null || next === undefined) return;
    const delay = Math.max(0, hold.deadline - next - this.clock.now());
    this.#timer = this.clock.setTimeout(() => {
      this.#timer = null;
      this.#pending.shift();
      const current = this.#hold;
      if (current === null) return;
      this.print(holdNoticeText(this.jobId, current, this.clock.now(), this.interactive));
      this.#schedule();
    }, delay);
  }

  #reset(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#hold = null;
    this.#pending = [];
  }
}
