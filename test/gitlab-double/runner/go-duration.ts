const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;

/**
 * Go's `time.Duration.Round(time.Second).String()`, which the runner prints in its terminal lines:
 * 1800 → "30m0s", 3600 → "1h0m0s", 59 → "59s", 0 → "0s".
 */
export function goDuration(seconds: number): string {
  // Go rounds halves away from zero; durations here are never negative.
  const total = Math.max(0, Math.round(seconds));
  if (total === 0) return '0s';
  const h = Math.floor(total / SECONDS_PER_HOUR);
  const m = Math.floor((total % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  const s = total % SECONDS_PER_MINUTE;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
