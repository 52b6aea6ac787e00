/** The hold countdown: how long until the runner ends a held job, and how urgent that is. */

/** Under five minutes left the countdown turns to the warning colour. */
export const WARNING_BELOW_MS = 5 * 60_000;
/** Under one minute left it turns to the danger colour. */
export const DANGER_BELOW_MS = 60_000;

export type Urgency = 'normal' | 'warning' | 'danger';

/**
 * `m:ss` (or `h:mm:ss` from an hour on) of the time left; never negative. The same format as the
 * job list's elapsed times (formatElapsed), so the app has one way of writing a duration.
 */
export function formatCountdown(msLeft: number): string {
  // Round up: "0:00" should mean the time is really over, not that less than a second remains.
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** How alarming the time left is. */
export function countdownUrgency(msLeft: number): Urgency {
  if (msLeft < DANGER_BELOW_MS) return 'danger';
  if (msLeft < WARNING_BELOW_MS) return 'warning';
  return 'normal';
}

/** Whole seconds until `at`, for "retrying in 3 s"; never negative. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
