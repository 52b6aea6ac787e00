/**
 * The core's clock for end-to-end tests (issue 12, used by issue 17's fast e2e): real time, plus
 * whatever the test skipped. `skip(ms)` moves the core's time forward at once and runs every timer
 * that falls due, so a poll, an idle threshold or a reminder minutes away happens now instead of
 * after a real wait. It exists only here, handed to `startBrowserMode` by the fixtures: no network
 * path can reach it.
 */
import type { Clock, TimerHandle } from '../../../src/main/core/ports';

interface Pending {
  readonly at: number;
  readonly callback: () => void;
  readonly real: ReturnType<typeof setTimeout>;
}

export class SkippableClock implements Clock {
  #skipped = 0;
  #nextId = 1;
  readonly #timers = new Map<number, Pending>();

  now(): number {
    return Date.now() + this.#skipped;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    const real = setTimeout(() => {
      this.#timers.delete(id);
      callback();
    }, ms);
    this.#timers.set(id, { at: this.now() + Math.max(0, ms), callback, real });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    const id = handle as unknown as number;
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer.real);
    this.#timers.delete(id);
  }

  /** Moves time forward by `ms`, running due timers in time order (also those they schedule). */
  skip(ms: number): void {
    this.#skipped += ms;
    for (;;) {
      const due = [...this.#timers]
        .filter(([, t]) => t.at <= this.now())
        .sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (due === undefined) return;
      const [id, timer] = due;
      clearTimeout(timer.real);
      this.#timers.delete(id);
      timer.callback();
    }
  }

  /** Total time skipped so far (the core's clock is this far ahead of the wall clock). */
  get skipped(): number {
    return this.#skipped;
  }
}
