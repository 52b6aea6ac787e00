/**
 * P5: twenty terminals open, one flooding in the background: keystroke echo (key → echo glyph
 * in xterm's buffer, page clock) in a quiet terminal in front, and the UI's frame rate while
 * typing. Baseline in the same run and page: one terminal, no flood.
 */
import type { Page } from '@playwright/test';
import type { JobInfo } from '../gitlab-double';
import type { BenchMetric, BenchReport, BenchRun } from './bench-types';
import type { BenchWindow, NextResult } from './page-api';
import { withBenchEnv, type BenchEnv } from './support/bench-env';
import { writeFlood, type FloodFiles } from './support/flood';
import {
  focusTerminal,
  openJobshellPage,
  openTerminal,
  promptOf,
  readyTerminal,
  typeCommand,
  waitForText,
} from './support/jobshell-page';
import { timedKeystrokes } from './support/keystrokes';
import { MIB, percentile, ratioOf, round3 } from './support/stats';

const TERMINALS = 20;
const FAILURE_SCREENSHOT = 'reports/bench-p5-failure.png';
/** Keystrokes per phase: as many as P3, so the p95 rests on ten samples above it. */
const KEYSTROKES = 200;
/** Uncounted keys before each phase. */
const WARMUP_KEYSTROKES = 10;
/** The flooding terminal cats this file in an endless loop until the bench ends. */
const FLOOD_FILE_BYTES = 8 * MIB;
/** Typing starts once this much of the flood has gone through the core: it is really flowing. */
const FLOOD_BYTES_BEFORE_TYPING = 4 * MIB;
/** Starting a `cat` in a ready shell takes milliseconds; a minute means it never started. */
const FLOOD_START_TIMEOUT_MS = 60_000;

interface Phase {
  readonly echo: number[];
  readonly fps: number;
  readonly durationMs: number;
}

export const run: BenchRun = async () => {
  const flood = await writeFlood(FLOOD_FILE_BYTES);
  try {
    return await withBenchEnv((env) => measure(env, flood));
  } finally {
    await flood.remove();
  }
};

async function measure(env: BenchEnv, flood: FloodFiles): Promise<BenchReport> {
  const page = await openJobshellPage(env.browser, env.app, env.pages.probeScript);
  const quietJob = await env.newJob('bench:p5-quiet');
  const quiet = await readyTerminal(page, env.app, env.accountId, quietJob);
  const alone = await explained(page, 'typing with one terminal', () => typingPhase(page));

  const others: { job: JobInfo; sessionId: string }[] = [];
  for (let i = 1; i < TERMINALS; i += 1) {
    const job = await env.newJob(`bench:p5-${i}`);
    others.push({ job, sessionId: await openTerminal(env.app, env.accountId, job) });
  }
  for (const { job, sessionId } of others) await waitForText(page, sessionId, promptOf(job));
  const flooder = others[0];
  if (flooder === undefined) throw new Error('No flooding terminal');
  let floodBytes = 0;
  let flowing: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    flowing = resolve;
  });
  const floodPath = `/jobs/${flooder.job.id}/terminal.ws`;
  const stop = env.app.tap.listen({
    received: (url, data) => {
      if (!url.includes(floodPath)) return;
      floodBytes += data.byteLength;
      if (floodBytes >= FLOOD_BYTES_BEFORE_TYPING) flowing();
    },
  });
  try {
    await focusTerminal(page, flooder.sessionId);
    await page.evaluate(
      (id) => (globalThis as unknown as BenchWindow).__benchWatch?.(id),
      flooder.sessionId,
    );
    await typeCommand(page, flooder.sessionId, `while :; do cat ${flood.catPath}; done`);
    await page.keyboard.press('Enter');
    await withTimeout(started, FLOOD_START_TIMEOUT_MS, 'The background flood did not start');
    await focusTerminal(page, quiet);
    await page.evaluate((id) => (globalThis as unknown as BenchWindow).__benchWatch?.(id), quiet);
    const floodStart = floodBytes;
    const busy = await explained(page, 'typing during the flood', () => typingPhase(page));
    const floodRate = (floodBytes - floodStart) / MIB / (busy.durationMs / 1000);
    return report(alone, busy, floodRate);
  } finally {
    stop();
    await page.close();
  }
}

function report(alone: Phase, busy: Phase, floodRate: number): BenchReport {
  const p95 = percentile(busy.echo, 95);
  const base95 = percentile(alone.echo, 95);
  const p50 = percentile(busy.echo, 50);
  const base50 = percentile(alone.echo, 50);
  const metrics: BenchMetric[] = [
    {
      name: 'echo p95 in a quiet terminal',
      value: round3(p95),
      unit: 'ms',
      baseline: round3(base95),
      ratio: round3(ratioOf(p95, base95)),
      goal: '≤ 50 ms',
    },
    {
      name: 'echo p50 in a quiet terminal',
      value: round3(p50),
      unit: 'ms',
      baseline: round3(base50),
      ratio: round3(ratioOf(p50, base50)),
    },
    {
      name: 'UI frame rate while typing',
      value: round3(busy.fps),
      unit: 'fps',
      baseline: round3(alone.fps),
      ratio: round3(ratioOf(busy.fps, alone.fps)),
      goal: '≥ 30 fps',
    },
    {
      name: 'background flood through the core meanwhile',
      value: round3(floodRate),
      unit: 'MiB/s',
    },
  ];
  const notes = [
    `${TERMINALS} terminals (each a real bash in the double); the flooding one loops \`cat\` of a ${FLOOD_FILE_BYTES / MIB} MiB coloured file in a background tab, ` +
      `the quiet one is in front. Baseline: the same page with only the quiet terminal open, before the others were opened.`,
    `${KEYSTROKES} keystrokes per phase (after ${WARMUP_KEYSTROKES} uncounted), one at a time; echo = keydown → xterm's write callback for the echo (page clock).`,
    `Frame rate = requestAnimationFrame callbacks per second over the typing phase.`,
  ];
  return { id: 'P5', title: 'Many terminals, one flooding', metrics, notes };
}

/** Names the phase in a failure and keeps a screenshot of what the page showed then. */
async function explained<T>(page: Page, phase: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
    const focus = await page
      .evaluate(
        "(document.activeElement?.className ?? '') + ' in ' + (document.activeElement?.closest('[id]')?.id ?? '')",
      )
      .catch(() => 'unknown');
    const stats = await page
      .evaluate(() => (globalThis as unknown as BenchWindow).__bench?.stats())
      .catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${phase} (focus: ${String(focus)}; meter: ${JSON.stringify(stats)}; screenshot: ${FAILURE_SCREENSHOT}): ${message}`,
      { cause: error },
    );
  }
}

async function typingPhase(page: Page): Promise<Phase> {
  await timedKeystrokes(page, WARMUP_KEYSTROKES);
  const results: NextResult[] = await timedKeystrokes(page, KEYSTROKES);
  const from = results[0]?.keyAt ?? Number.NaN;
  const to = results.at(-1)?.doneAt ?? Number.NaN;
  const frames = await page.evaluate(
    ({ a, b }) => (globalThis as unknown as BenchWindow).__bench?.frames(a, b) ?? 0,
    { a: from, b: to },
  );
  const durationMs = to - from;
  const echo = results.flatMap((r) => (r.keyAt === null ? [] : [r.doneAt - r.keyAt]));
  return { echo, fps: (frames * 1000) / durationMs, durationMs };
}

function withTimeout(promise: Promise<void>, ms: number, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${message} within ${ms / 1000} s`));
    }, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
