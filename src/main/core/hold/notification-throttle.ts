/**
 * Turns a burst of notifications into one: the first goes out at once, the rest of a burst are
 * held for a short window and then sent alone (if one) or as a single summary (if several).
 */
import type { AppNotification } from '../../../shared/models';
import type { Clock, TimerHandle } from '../ports';

/** A matrix of jobs finishing together lands within seconds; one summary is kinder than ten toasts. */
export const BURST_WINDOW_MS = 3000;

export interface NotificationThrottle {
  push(notification: AppNotification): void;
  dispose(): void;
}

/** Creates a throttle that hands what it lets through to `deliver`. */
export function createNotificationThrottle(
  clock: Clock,
  deliver: (notification: AppNotification) => void,
): NotificationThrottle {
  let windowEnds = Number.NEGATIVE_INFINITY;
  let queued: AppNotification[] = [];
  let timer: TimerHandle | null = null;
  let summaries = 0;

  const flush = (): void => {
    timer = null;
    const batch = queued;
    queued = [];
    if (batch.length === 1 && batch[0] !== undefined) deliver(batch[0]);
    if (batch.length > 1) {
      summaries += 1;
      deliver({
        id: `summary:${summaries}`,
        kind: 'summary',
        title: `${batch.length} jobs need your attention`,
        body: batch.map((n) => n.title).join('\n'),
        sessionId: null,
        actions: ['focus'],
      });
    }
    if (batch.length > 0) windowEnds = clock.now() + BURST_WINDOW_MS;
  };

  return {
    push: (notification) => {
      if (clock.now() >= windowEnds && timer === null) {
        windowEnds = clock.now() + BURST_WINDOW_MS;
        deliver(notification);
        return;
      }
      queued = [...queued.filter((n) => n.id !== notification.id), notification];
      timer ??= clock.setTimeout(flush, Math.max(0, windowEnds - clock.now()));
    },
    dispose: () => {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      queued = [];
    },
  };
}
