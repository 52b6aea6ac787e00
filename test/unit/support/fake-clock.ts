import type { Clock, TimerHandle } from '../../../src/main/core/ports';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A Clock whose time moves only when a test says so. `advance` runs due timers in time order,
 * including timers they schedule, so pollers and countdowns can be driven through minutes at once.
 */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 10, 22, 12, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    return timer.id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    const id = handle as unknown as number;
    this.#timers = this.#timers.filter((t) => t.id !== id);
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const next = this.#timers
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (next === undefined) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = end;
  }

  /** Like `advance`, letting promise callbacks settle between timers (for async pollers). */
  async advanceAsync(ms: number, step = 1000): Promise<void> {
    const end = this.#now + ms;
    while (this.#now < end) {
      this.advance(Math.min(step, end - this.#now));
      for (let i = 0; i < 20; i += 1) await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
