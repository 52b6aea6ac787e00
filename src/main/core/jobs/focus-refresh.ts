/**
 * Coming back to the window refreshes the recent jobs once: debounced (focus and visibility
 * arrive together) and at most once per FOCUS_REFRESH_MIN_GAP_MS however often the user switches.
 */
import type { Clock, TimerHandle } from '../ports';
import { FOCUS_REFRESH_DEBOUNCE_MS, FOCUS_REFRESH_MIN_GAP_MS } from './tuning';

export interface FocusRefresh {
  schedule(): void;
  dispose(): void;
}

export function createFocusRefresh(clock: Clock, refresh: () => void): FocusRefresh {
  let timer: TimerHandle | null = null;
  let lastAt = -Infinity;
  return {
    schedule: () => {
      if (timer !== null) return;
      timer = clock.setTimeout(() => {
        timer = null;
        const now = clock.now();
        if (now - lastAt < FOCUS_REFRESH_MIN_GAP_MS) return;
        lastAt = now;
        refresh();
      }, FOCUS_REFRESH_DEBOUNCE_MS);
    },
    dispose: () => {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
