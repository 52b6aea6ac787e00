/**
 * Keeps one terminal's columns and rows fitted to its slot: watches the slot's size and re-fits
 * once the size has settled, never while the terminal is hidden or not laid out.
 */
import { FitAddon } from '@xterm/addon-fit';
import type { Scheduler, TimerId } from './scheduler';

/** Fit after the size settles: a window drag fires dozens of resizes, one re-layout is enough. */
export const FIT_DEBOUNCE_MS = 40;

export class TerminalFit {
  /** Loaded into the terminal by its owner. */
  readonly addon = new FitAddon();
  #observer: ResizeObserver | null = null;
  #timer: TimerId | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    /** The terminal is open, in front and laid out (a display:none element has no size). */
    private readonly canFit: () => boolean,
    /** A fit ran: the terminal's size may have changed. */
    private readonly fitted: () => void,
  ) {}

  /** Re-fits whenever `slot` changes size. */
  observe(slot: HTMLElement): void {
    this.unobserve();
    this.#observer = new ResizeObserver(() => {
      this.schedule();
    });
    this.#observer.observe(slot);
  }

  unobserve(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  /** Fits once the size has settled for FIT_DEBOUNCE_MS. */
  schedule(): void {
    if (this.#timer !== null) this.scheduler.clearTimeout(this.#timer);
    this.#timer = this.scheduler.setTimeout(() => {
      this.#timer = null;
      this.now();
    }, FIT_DEBOUNCE_MS);
  }

  now(): void {
    if (!this.canFit()) return;
    const proposed = this.addon.proposeDimensions();
    if (
      proposed === undefined ||
      !Number.isFinite(proposed.cols) ||
      !Number.isFinite(proposed.rows)
    )
      return;
    this.addon.fit();
    this.fitted();
  }

  dispose(): void {
    if (this.#timer !== null) this.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
    this.unobserve();
  }
}
