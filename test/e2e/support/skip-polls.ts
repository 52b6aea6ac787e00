/**
 * Moving the core's clock instead of waiting: the core reads a job's log every `tracePollMs`, so a
 * hold (or its end) shows once the next poll runs. Skipping one poll at a time until the UI shows
 * it makes that happen now, without a real wait and without guessing how many polls it takes.
 */
import { expect } from '@playwright/test';
import { DEFAULT_TUNING } from '../../../src/main/core/terminal/tuning';
import type { SkippableClock } from './skippable-clock';

/** How long one check waits for the UI before the clock is moved again. */
const CHECK_MS = 500;

/** Skips `stepMs` of the core's time until `check` passes (each check waits up to CHECK_MS). */
export async function skipUntil(
  clock: SkippableClock,
  check: (timeout: number) => Promise<void>,
  stepMs: number = DEFAULT_TUNING.tracePollMs,
): Promise<void> {
  await expect(async () => {
    clock.skip(stepMs);
    await check(CHECK_MS);
  }).toPass();
}
