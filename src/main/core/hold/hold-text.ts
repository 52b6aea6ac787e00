/** Words and numbers the hold feature shows: one place, so tray, toasts and CLI agree. */
import type { HoldInfo } from '../../../shared/models';

/** `24:31`, `1:05:00`, or `0:00` once past. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(hours > 0 ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** "finished" with the script's result when the log tells it. */
export function finishedWords(hold: Pick<HoldInfo, 'scriptResult'>): string {
  return hold.scriptResult === null ? 'finished its script' : `finished (${hold.scriptResult})`;
}

/** The sentence of a held-open alert, e.g. "rspec finished (failed). Your idle terminal …". */
export function heldSentence(jobName: string, hold: HoldInfo, now: number): string {
  return `${jobName} ${finishedWords(hold)}. Your idle terminal is keeping the job running: ${formatRemaining(hold.deadline - now)} left.`;
}
