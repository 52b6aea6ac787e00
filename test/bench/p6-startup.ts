/**
 * P6: start to interactive. In headless Chromium: navigation → renderer bundle loaded → job list
 * rendered from the double (first job row in the DOM, and the frame that paints it), with the core
 * already running, as when the Electron window opens after main started. Core init: composing
 * every service and its start(), with one stored account. For context also the process start of
 * the built browser-mode server (node out/main/web.js) until it serves.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchMetric, BenchReport, BenchRun } from './bench-types';
import type { BenchWindow, StartupMarks } from './page-api';
import { signInAlice, startBenchApp } from './support/bench-app';
import { withBenchEnv, type BenchEnv } from './support/bench-env';
import { VIEWPORT } from './support/browser';
import { UI_TIMEOUT_MS } from './support/jobshell-page';
import { median, round3 } from './support/stats';
import { wallNow } from './support/wall-clock';

/** Page loads measured, each in a fresh browser context (no cache, no code cache). */
const LOAD_RUNS = 5;
/** Core start-ups measured in this process (after a first one that loads the modules). */
const CORE_INIT_RUNS = 5;
/** Starts of the built server process. */
const PROCESS_RUNS = 3;
const WEB_BUNDLE = resolve('out/main/web.js');
/** The core's first poll of the double takes well under a second; this only catches a hang. */
const JOBS_TIMEOUT_MS = 30_000;

export const run: BenchRun = () => withBenchEnv(measure);

async function measure(env: BenchEnv): Promise<BenchReport> {
  const loads = await loadRuns(env);
  const core = await coreInitRuns(env);
  const processStarts = await processStartRuns();
  const jobRows = loads.map((m) => m.jobRow ?? Number.NaN);
  const painted = loads.map((m) => m.painted ?? Number.NaN);
  const metrics: BenchMetric[] = [
    {
      name: 'start to interactive (job list painted), median',
      value: round3(median(painted)),
      unit: 'ms',
      goal: '≤ 1000 ms',
    },
    {
      name: 'start to interactive, first (cold) load',
      value: round3(painted[0] ?? Number.NaN),
      unit: 'ms',
      goal: '≤ 1000 ms',
    },
    { name: 'first job row in the DOM, median', value: round3(median(jobRows)), unit: 'ms' },
    {
      name: 'core init (compose + start, one stored account), median',
      value: round3(median(core.stored)),
      unit: 'ms',
      goal: '≤ 150 ms',
    },
    ...(processStarts === null
      ? []
      : [
          {
            name: 'process start → serving (node out/main/web.js), median',
            value: round3(median(processStarts)),
            unit: 'ms',
          },
        ]),
  ];
  const notes = [
    `${LOAD_RUNS} page loads, each in a fresh browser context, times from navigation start (performance.timeOrigin); ` +
      `the core was already running with alice signed in and her jobs polled. Loads (ms, painted): ${painted.map(round3).join(', ')}.`,
    `App frame in the DOM (median): ${round3(median(loads.map((m) => m.app ?? Number.NaN)))} ms.`,
    `Core init: ${CORE_INIT_RUNS} start-ups in the bench process with a stored account (modules already loaded, as in the ` +
      `bundled app after its imports): ${core.stored.map(round3).join(', ')} ms; a first start with no account took ${round3(core.empty)} ms.`,
    processStarts === null
      ? `Process start not measured: ${WEB_BUNDLE} is missing (run electron-vite build).`
      : `Process start of the built browser-mode server, Node boot and module loading included: ${processStarts.map(round3).join(', ')} ms.`,
  ];
  return { id: 'P6', title: 'Start to interactive', metrics, notes };
}

async function loadRuns(env: BenchEnv): Promise<StartupMarks[]> {
  await waitForJobs(env);
  const marks: StartupMarks[] = [];
  for (let i = 0; i < LOAD_RUNS; i += 1) {
    const context = await env.browser.browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      await page.addInitScript({ path: env.pages.startupScript });
      await page.goto(env.app.server.url);
      await page.locator('.job-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
      await page.waitForFunction(
        () => (globalThis as unknown as BenchWindow).__benchStartup?.painted != null,
        undefined,
        { timeout: UI_TIMEOUT_MS },
      );
      const result = await page.evaluate(
        () => (globalThis as unknown as BenchWindow).__benchStartup,
      );
      if (result === undefined) throw new Error('The startup probe did not run');
      marks.push(result);
    } finally {
      await context.close();
    }
  }
  return marks;
}

/** Resolves once the core lists at least one job (its first poll of the double is done). */
async function waitForJobs(env: BenchEnv): Promise<void> {
  const started = wallNow();
  for (;;) {
    const lists = await env.app.core.request('jobs.get', {});
    if (lists.some((list) => list.jobs.length > 0)) return;
    if (wallNow() - started > JOBS_TIMEOUT_MS)
      throw new Error('The core listed no jobs from the double');
    await new Promise<void>((done) => {
      const timer = setTimeout(finish, JOBS_TIMEOUT_MS);
      const stop = env.app.core.subscribe((event) => {
        if (event === 'jobs.changed') finish();
      });
      function finish(): void {
        clearTimeout(timer);
        stop();
        done();
      }
    });
  }
}

async function coreInitRuns(env: BenchEnv): Promise<{ empty: number; stored: number[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jobshell-bench-p6-'));
  try {
    const first = await startBenchApp({ dataDir });
    const empty = first.coreInitMs;
    await signInAlice(first, env.double);
    await first.close();
    const stored: number[] = [];
    for (let i = 0; i < CORE_INIT_RUNS; i += 1) {
      const app = await startBenchApp({ dataDir });
      stored.push(app.coreInitMs);
      await app.close();
    }
    return { empty, stored };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function processStartRuns(): Promise<number[] | null> {
  if (!existsSync(WEB_BUNDLE)) return null;
  const times: number[] = [];
  for (let i = 0; i < PROCESS_RUNS; i += 1) {
    const dataDir = await mkdtemp(join(tmpdir(), 'jobshell-bench-web-'));
    const started = performance.now();
    const child = spawn(process.execPath, [WEB_BUNDLE, '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    try {
      let served = false;
      for await (const line of createInterface({ input: child.stdout })) {
        if (!line.startsWith('http://127.0.0.1:')) continue;
        served = true;
        break;
      }
      if (!served) throw new Error(`${WEB_BUNDLE} exited without serving`);
      times.push(performance.now() - started);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return times;
}
