/** One measured flood in a page whose meter watches the terminal's stream (either page kind). */
import type { Page } from '@playwright/test';
import type { BenchWindow, FloodResult } from '../page-api';

/**
 * A flood of tens of MiB takes seconds on an idle machine; P2's 200 MB took over two minutes on a
 * shared 2-core machine at load 30 (~1.5 MiB/s). Five minutes only catches a stuck run.
 */
export const FLOOD_TIMEOUT_MS = 300_000;

/** Counters back to zero, then watch for the marker: before the key that starts the flood. */
export async function armFlood(page: Page, marker: string): Promise<void> {
  await page.evaluate(
    ({ m, timeout }) => {
      const bench = (globalThis as unknown as BenchWindow).__bench;
      bench?.reset();
      bench?.armMarker(m, timeout);
    },
    { m: marker, timeout: FLOOD_TIMEOUT_MS },
  );
}

/** Resolves with the armed flood's result once xterm has processed its marker. */
export async function floodResult(page: Page): Promise<FloodResult> {
  const result = await page.evaluate(() => {
    const bench = (globalThis as unknown as BenchWindow).__bench;
    if (bench === undefined) throw new Error('The bench meter is not in this page');
    return bench.markerResult();
  });
  return result;
}

/**
 * The typed line that floods: `cat` the file, then print a marker that its own echo cannot
 * contain (printf joins the halves), so the marker is seen only once the flood is through.
 */
export function floodCommand(catPath: string, tag: string): { command: string; marker: string } {
  return {
    command: `cat ${catPath}; printf '%s-%s\\n' BENCH DONE${tag}`,
    marker: `BENCH-DONE${tag}`,
  };
}
