/**
 * The ceiling of every output benchmark: the same bytes written straight into an xterm with the
 * same look as Jobshell's (the baseline page in direct mode, no socket), in the same run.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { BenchWindow, FloodResult } from '../page-api';
import { seedUser } from '../../gitlab-double/core/seed-user';
import { startBaselineProxy } from './baseline-proxy';
import { openBaselinePage, type TerminalLook } from './baseline-page';
import type { BenchEnv } from './bench-env';
import { terminalSize } from './jobshell-page';

/** The look of a Jobshell terminal (size, scrollback, font), for a baseline page to copy. */
export async function terminalLook(
  env: BenchEnv,
  page: Page,
  sessionId: string,
): Promise<TerminalLook> {
  const size = await terminalSize(page, sessionId);
  const settings = await env.app.core.request('settings.get', {});
  // A string expression: this file is Node-typed, the page is not.
  const fontFamily = String(
    await page.evaluate(
      "getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim()",
    ),
  );
  return {
    cols: size?.cols ?? 80,
    rows: size?.rows ?? 24,
    scrollback: settings.scrollback,
    fontSize: settings.fontSize,
    fontFamily: fontFamily === '' ? 'monospace' : fontFamily,
  };
}

/** `runs` direct writes of the bytes the baseline page serves as /flood.bin, one result each. */
export async function directWrites(
  env: BenchEnv,
  origin: string,
  look: TerminalLook,
  bytes: number,
  runs: number,
): Promise<FloodResult[]> {
  const page = await openBaselinePage(env.browser, origin, 'direct', look, null);
  try {
    const results: FloodResult[] = [];
    for (let i = 0; i < runs; i += 1) {
      const result = await page.evaluate(async (total) => {
        const w = globalThis as unknown as BenchWindow;
        const bench = w.__bench;
        const write = w.__benchDirect;
        if (bench === undefined || write === undefined) throw new Error('Not the direct page');
        bench.reset();
        const firstAt = bench.now();
        await write();
        const endAt = bench.now();
        const stats = bench.stats();
        return {
          bytes: total,
          messages: 0,
          firstAt,
          endAt,
          frames: bench.frames(firstAt, endAt),
          maxPending: stats.maxPending,
          markerSeenAt: endAt,
        } satisfies FloodResult;
      }, bytes);
      results.push(result);
    }
    return results;
  } finally {
    await page.close();
  }
}

/**
 * xterm's own rate (bytes/ms) for `yes` output — "y\r\n" lines, the Ctrl-C benchmark's flood —
 * written straight into a terminal that looks like Jobshell's: the fastest any path could drain
 * the bytes in flight when Ctrl-C is pressed. Median of `runs` after one warm-up.
 */
export async function directYesRate(
  env: BenchEnv,
  look: TerminalLook,
  dir: string,
  bytes: number,
  runs: number,
): Promise<number> {
  const path = join(dir, 'yes.bin');
  const lines = Math.ceil(bytes / 3);
  await writeFile(path, 'y\r\n'.repeat(lines));
  const alice = seedUser(env.double, 'alice');
  const proxy = await startBaselineProxy({
    upstream: env.double.url,
    cookie: alice.cookie,
    pagesDir: env.pages.dir,
    files: { '/flood.bin': path },
  });
  try {
    const results = await directWrites(env, proxy.origin, look, lines * 3, runs + 1);
    const rates = results.slice(1).map((r) => r.bytes / Math.max(1, r.endAt - r.firstAt));
    rates.sort((a, b) => a - b);
    return rates[Math.floor(rates.length / 2)] ?? Number.NaN;
  } finally {
    await proxy.close();
  }
}
