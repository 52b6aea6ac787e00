/**
 * Window titles set by job output (OSC 0/2). They are untrusted text: control and bidi characters
 * are removed, the length is capped, and updates are throttled so a program changing its title
 * thousands of times a second (quality F15) costs one re-render every so often.
 */
import type { Scheduler, TimerId } from './scheduler';

/** Longest title shown; a tooltip line stays readable and a hostile title cannot fill the screen. */
export const MAX_TITLE_LENGTH = 80;
/** At most 4 title updates per second: fast enough to look live, slow enough to cost nothing. */
export const TITLE_MIN_INTERVAL_MS = 250;

/**
 * C0/C1 controls, and the Unicode bidi controls and zero-width characters that can make text read
 * differently from what it is (e.g. reversing a file name).
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** A title fit to show as plain text: safe characters only, whitespace collapsed, length capped. */
export function sanitizeTitle(raw: string): string {
  const clean = raw.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= MAX_TITLE_LENGTH) return clean;
  return `${chars.slice(0, MAX_TITLE_LENGTH - 1).join('')}…`;
}

/** Passes on sanitised titles at most every TITLE_MIN_INTERVAL_MS, always ending on the latest. */
export class TitleThrottle {
  #lastEmit = Number.NEGATIVE_INFINITY;
  #pending: string | null = null;
  #timer: TimerId | null = null;
  #current = '';

  constructor(
    private readonly scheduler: Scheduler,
    private readonly emit: (title: string) => void,
    private readonly intervalMs = TITLE_MIN_INTERVAL_MS,
  ) {}

  /** A raw title arrived from the terminal. */
  push(raw: string): void {
    this.#pending = sanitizeTitle(raw);
    if (this.#timer !== null) return;
    const wait = this.#lastEmit + this.intervalMs - this.scheduler.now();
    if (wait <= 0) {
      this.#flush();
      return;
    }
    this.#timer = this.scheduler.setTimeout(() => {
      this.#timer = null;
      this.#flush();
    }, wait);
  }

  dispose(): void {
    if (this.#timer !== null) this.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }

  #flush(): void {
    const title = this.#pending;
    this.#pending = null;
    if (title === null) return;
    this.#lastEmit = this.scheduler.now();
    if (title === this.#current) return;
    this.#current = title;
    this.emit(title);
  }
}
