/**
 * One clock for every process of a benchmark (bench, double child, Chromium): milliseconds since
 * the Unix epoch with sub-millisecond resolution. Each process adds its monotonic clock to the
 * wall-clock time it started at, so stamps taken in different processes can be subtracted.
 */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}
