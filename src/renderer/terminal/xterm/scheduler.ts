/**
 * Time for the renderer's terminal machinery, injected so that throttles and debounces are tested
 * with a fake clock instead of real waiting.
 */

export type TimerId = ReturnType<typeof setTimeout>;

export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/** The real clock of the page. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => {
    clearTimeout(id);
  },
};
