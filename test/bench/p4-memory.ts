/**
 * P4: memory per extra open terminal (80×24, 1000 lines of scrollback, filled), in the renderer
 * (V8 heap + Blink objects + ArrayBuffer backing stores, after forced GCs, via CDP) and in the
 * core (this process: heap + external, after full GCs; the double runs in its own process).
 * Readings with no terminal (the empty app, signed in), one terminal and six terminals.
 */
import type { Page } from '@playwright/test';
import type { BenchMetric, BenchReport, BenchRun } from './bench-types';
import { withBenchEnv, type BenchEnv } from './support/bench-env';
import { writeFlood, type FloodFiles } from './support/flood';
import { armFlood, floodCommand, floodResult } from './support/flood-run';
import {
  openJobshellPage,
  readyTerminal,
  terminalSize,
  typeCommand,
  UI_TIMEOUT_MS,
} from './support/jobshell-page';
import { HAS_GC, nodeMemory, pageMemory, type NodeMemory, type PageMemory } from './support/memory';
import { MIB, round3 } from './support/stats';

const TARGET_COLS = 80;
const TARGET_ROWS = 24;
const SCROLLBACK_LINES = 1000;
/** More lines than scrollback + screen, so every terminal's buffer is full. */
const FILL_LINES = 1100;
/** The goal compares one terminal with six: five extra terminals to average over. */
const TERMINALS = 6;
/** Sizing the viewport to 80×24 converges in one or two steps; more means the layout fights it. */
const SIZING_ATTEMPTS = 4;

interface Reading {
  readonly page: PageMemory;
  readonly core: NodeMemory;
}

export const run: BenchRun = async () => {
  const fill = await writeFlood(0, FILL_LINES);
  try {
    return await withBenchEnv((env) => measure(env, fill));
  } finally {
    await fill.remove();
  }
};

async function measure(env: BenchEnv, fill: FloodFiles): Promise<BenchReport> {
  await env.app.core.request('settings.update', { scrollback: SCROLLBACK_LINES });
  const page = await openJobshellPage(env.browser, env.app, env.pages.probeScript);
  const empty = await reading(page);
  const sizes: string[] = [];
  let one: Reading | null = null;
  for (let i = 0; i < TERMINALS; i += 1) {
    const job = await env.newJob(`bench:p4-${i}`);
    const sessionId = await readyTerminal(page, env.app, env.accountId, job);
    // Every new terminal is fitted to the window as it opens; hidden ones keep their size.
    await sizeTo(page, sessionId);
    const size = await terminalSize(page, sessionId);
    sizes.push(size === null ? '?' : `${size.cols}×${size.rows}`);
    const { command, marker } = floodCommand(fill.catPath, `-${i}`);
    await typeCommand(page, sessionId, command);
    await armFlood(page, marker);
    await page.keyboard.press('Enter');
    await floodResult(page);
    if (i === 0) one = await reading(page);
  }
  const six = await reading(page);
  await page.close();
  if (one === null) throw new Error('No terminal was opened');
  const extra = TERMINALS - 1;
  const perRenderer = (six.page.total - one.page.total) / extra;
  const perCore =
    (six.core.heapUsed + six.core.external - one.core.heapUsed - one.core.external) / extra;
  const firstRenderer = one.page.total - empty.page.total;
  const firstCore =
    one.core.heapUsed + one.core.external - empty.core.heapUsed - empty.core.external;
  const mib = (bytes: number): number => round3(bytes / MIB);
  const metrics: BenchMetric[] = [
    {
      name: 'renderer memory per extra terminal',
      value: mib(perRenderer),
      unit: 'MiB',
      goal: '≤ 4 MiB',
    },
    { name: 'core memory per extra terminal', value: mib(perCore), unit: 'MiB', goal: '≤ 0.5 MiB' },
    {
      name: 'renderer, first terminal over the empty app',
      value: mib(one.page.total),
      unit: 'MiB',
      baseline: mib(empty.page.total),
      ratio: round3(one.page.total / empty.page.total),
    },
    {
      name: 'core, first terminal over the empty app',
      value: mib(one.core.heapUsed + one.core.external),
      unit: 'MiB',
      baseline: mib(empty.core.heapUsed + empty.core.external),
      ratio: round3(
        (one.core.heapUsed + one.core.external) / (empty.core.heapUsed + empty.core.external),
      ),
    },
  ];
  const part = (r: Reading): string =>
    `renderer JS ${mib(r.page.jsHeap)} + Blink ${mib(r.page.embedder)} + ArrayBuffers ${mib(r.page.backing)} MiB; ` +
    `core heap ${mib(r.core.heapUsed)} + external ${mib(r.core.external)} MiB, RSS ${mib(r.core.rss)} MiB`;
  const notes = [
    `Terminal sizes: ${sizes.join(', ')} (target ${TARGET_COLS}×${TARGET_ROWS}); scrollback ${SCROLLBACK_LINES}; each filled with ${FILL_LINES} coloured ls -l lines.`,
    `Per extra terminal = (6 terminals − 1 terminal) / 5; the first terminal over the empty app is ${mib(firstRenderer)} MiB renderer, ${mib(firstCore)} MiB core (includes one-time costs such as xterm's code paths and fonts).`,
    `Empty app (signed in, no terminal): ${part(empty)}.`,
    `One terminal: ${part(one)}.`,
    `Six terminals: ${part(six)}.`,
    `Renderer readings after CDP HeapProfiler.collectGarbage; core readings ${HAS_GC ? 'after full gc()' : 'without gc() (not available)'}; ` +
      `the bench process also holds Playwright's client, which grows a little with page traffic.`,
  ];
  return { id: 'P4', title: 'Memory per terminal', metrics, notes };
}

async function reading(page: Page): Promise<Reading> {
  return { page: await pageMemory(page), core: nodeMemory() };
}

/** Resizes the window so the session's terminal fits exactly TARGET_COLS × TARGET_ROWS. */
async function sizeTo(page: Page, sessionId: string): Promise<void> {
  const pane = `[role="tabpanel"][id="pane-${sessionId}"]`;
  for (let i = 0; i < SIZING_ATTEMPTS; i += 1) {
    const size = await terminalSize(page, sessionId);
    const screen = await page.locator(`${pane} .xterm-screen`).boundingBox();
    const viewport = page.viewportSize();
    if (size === null || screen === null || viewport === null) return;
    if (size.cols === TARGET_COLS && size.rows === TARGET_ROWS) return;
    const cellWidth = screen.width / size.cols;
    const cellHeight = screen.height / size.rows;
    // Half a cell of slack: fit() floors, so aim for the middle of the target cell.
    await page.setViewportSize({
      width: Math.round(viewport.width + (TARGET_COLS - size.cols + 0.5) * cellWidth),
      height: Math.round(viewport.height + (TARGET_ROWS - size.rows + 0.5) * cellHeight),
    });
    await page
      .locator(`${pane} .status-line`)
      .filter({ hasNotText: `${size.cols}×${size.rows}` })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  }
}
