/**
 * `npm run bench:profile`: one P1 flood through Jobshell with a CPU profile of the core process
 * (Node inspector, as --cpu-prof takes it) and of the renderer (Chrome DevTools Protocol), plus a
 * Chrome trace of the page. Writes reports/profiles/{core,renderer}.cpuprofile and
 * renderer-trace.json (open them in Chrome DevTools) and reports/profile.md, the self time of each
 * hop by category (docs/performance.md explains the reading).
 *
 * Profile a renderer built with source maps, or its minified code cannot be told apart:
 *   npx electron-vite build --sourcemap && npm run bench:profile
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { withBenchEnv, type BenchEnv } from './support/bench-env';
import { RENDERER_DIR } from './support/bench-app';
import {
  categorizeCore,
  categorizeRenderer,
  categoryTable,
  selfTimeByCategory,
  SourceMaps,
} from './support/cpu-profile';
import { writeFlood, type FloodFiles } from './support/flood';
import { armFlood, floodCommand, floodResult } from './support/flood-run';
import { openJobshellPage, readyTerminal, typeCommand } from './support/jobshell-page';
import { MIB, mibPerSecond, round3 } from './support/stats';

/** Big enough for a few seconds of samples, small enough to profile in well under a minute. */
const FLOOD_BYTES = 16 * MIB;
/** 200 µs: fine enough to see a 1 ms batcher turn, coarse enough not to slow the flood much. */
const SAMPLING_US = 200;
const OUT_DIR = 'reports/profiles';
/** Main-thread rendering events of a Chrome trace (top level, not nested in one another). */
const RENDER_EVENTS = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];

async function main(): Promise<void> {
  const flood = await writeFlood(FLOOD_BYTES);
  try {
    await withBenchEnv((env) => profile(env, flood));
  } finally {
    await flood.remove();
  }
}

async function profile(env: BenchEnv, flood: FloodFiles): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const page = await openJobshellPage(env.browser, env.app, env.pages.probeScript);
  const job = await env.newJob('bench:profile');
  const sessionId = await readyTerminal(page, env.app, env.accountId, job);
  await oneFlood(page, sessionId, flood, '-warm');

  const core = new Session();
  core.connect();
  await core.post('Profiler.enable');
  await core.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  const tracePath = join(OUT_DIR, 'renderer-trace.json');
  await env.browser.browser.startTracing(page, { path: tracePath, screenshots: false });
  await core.post('Profiler.start');
  await cdp.send('Profiler.start');
  const rate = await oneFlood(page, sessionId, flood, '-profiled');
  const { profile: rendererProfile } = await cdp.send('Profiler.stop');
  const { profile: coreProfile } = await core.post('Profiler.stop');
  await env.browser.browser.stopTracing();
  core.disconnect();

  await writeFile(join(OUT_DIR, 'core.cpuprofile'), JSON.stringify(coreProfile));
  await writeFile(join(OUT_DIR, 'renderer.cpuprofile'), JSON.stringify(rendererProfile));
  const maps = new SourceMaps((url) => {
    const name = basename(new URL(url, 'http://x').pathname);
    return name.endsWith('.js') ? join(RENDERER_DIR, 'assets', `${name}.map`) : null;
  });
  const report = [
    `# Flood profile (${new Date().toISOString()})`,
    '',
    `${round3(rate)} MiB/s for ${round3(flood.ptyBytes / MIB)} MiB of coloured ls -l lines while profiled ` +
      `(sampling every ${SAMPLING_US} µs slows it somewhat). Self time per category, whole flood.`,
    '',
    categoryTable(
      'core process (core + bridge server + bench harness)',
      selfTimeByCategory(coreProfile, categorizeCore, null),
    ),
    '',
    categoryTable(
      'renderer main thread (JS by source file)',
      selfTimeByCategory(rendererProfile, categorizeRenderer, maps),
    ),
    '',
    renderTable(await readFile(tracePath, 'utf8')),
    '',
  ].join('\n');
  await writeFile('reports/profile.md', report);
  console.log(report);
  await page.close();
}

/** One measured flood; resolves with its rate once xterm parsed the marker. */
async function oneFlood(
  page: Page,
  sessionId: string,
  flood: FloodFiles,
  tag: string,
): Promise<number> {
  const { command, marker } = floodCommand(flood.catPath, tag);
  await typeCommand(page, sessionId, command);
  await armFlood(page, marker);
  await page.keyboard.press('Enter');
  const result = await floodResult(page);
  return mibPerSecond(result.bytes, result.endAt - result.firstAt);
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Time in the page's rendering steps (style, layout, paint…) on its main thread, from the trace. */
function renderTable(traceJson: string): string {
  const parsed = JSON.parse(traceJson) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => e.tid),
  );
  const totals = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X' || !mainThreads.has(event.tid) || !RENDER_EVENTS.includes(event.name))
      continue;
    totals.set(event.name, (totals.get(event.name) ?? 0) + (event.dur ?? 0));
  }
  const lines = ['| renderer main thread, rendering steps (trace) | ms |', '|---|---|'];
  for (const name of RENDER_EVENTS) {
    lines.push(`| ${name} | ${((totals.get(name) ?? 0) / 1000).toFixed(0)} |`);
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
