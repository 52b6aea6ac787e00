/**
 * `npm run bench`: runs every benchmark module in turn (P1–P7 of docs/quality.md), prints
 * a table, and writes reports/bench.json (every BenchEntry) and reports/bench.md (a table per
 * goal). A module that fails is recorded as an error entry and the run goes on.
 * `--only P1,P3` runs a subset.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchReport, BenchRun } from './bench-types';
import {
  consoleTable,
  HOW_TO_READ,
  markdownReport,
  type BenchEntry,
} from './support/report-format';

/**
 * One module may take this long before it is given up on (and the run goes on). P1 and P2 need
 * about a minute and a half on an idle 2-core machine, and up to three minutes when it is shared
 * (load average 25 and more); seven minutes means "hung", not "slow".
 */
const MODULE_TIMEOUT_MS = 420_000;

interface BenchModule {
  readonly id: string;
  readonly title: string;
  readonly load: () => Promise<{ readonly run: BenchRun }>;
}

const MODULES: readonly BenchModule[] = [
  { id: 'P1', title: 'Output throughput', load: () => import('./p1-throughput') },
  { id: 'P2', title: 'Back-pressure', load: () => import('./p2-backpressure') },
  { id: 'P3', title: 'Keystroke overhead', load: () => import('./p3-keystrokes') },
  {
    id: 'P3B',
    title: 'Keystroke overhead, broadcast to 8',
    load: () => import('./p3b-broadcast'),
  },
  { id: 'P4', title: 'Memory per terminal', load: () => import('./p4-memory') },
  { id: 'P5', title: 'Many terminals, one flooding', load: () => import('./p5-many-terminals') },
  { id: 'P6', title: 'Start to interactive', load: () => import('./p6-startup') },
  { id: 'P7', title: 'Job discovery API load', load: () => import('./p7-discovery') },
];

function selected(): readonly BenchModule[] {
  const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
  if (values.only === undefined) return MODULES;
  const wanted = new Set(values.only.split(',').map((id) => id.trim().toUpperCase()));
  const unknown = [...wanted].filter((id) => !MODULES.some((m) => m.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `--only: no benchmark ${unknown.join(', ')} (known: ${MODULES.map((m) => m.id).join(', ')})`,
    );
  }
  return MODULES.filter((m) => wanted.has(m.id));
}

async function runOne(module: BenchModule): Promise<BenchEntry> {
  const started = performance.now();
  const loadNote = `1-minute load average at the start: ${loadavg()[0]?.toFixed(1) ?? '?'} on ${cpus().length} cores.`;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { run } = await module.load();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`gave up after ${MODULE_TIMEOUT_MS / 1000} s`));
      }, MODULE_TIMEOUT_MS);
    });
    const report: BenchReport = await Promise.race([run(), timeout]);
    return {
      ...report,
      notes: [...report.notes, loadNote],
      durationMs: performance.now() - started,
    };
  } catch (error) {
    return {
      id: module.id,
      title: module.title,
      metrics: [],
      notes: [loadNote],
      error: oneLine(error instanceof Error ? error.message : String(error)),
      durationMs: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Playwright's messages carry ANSI colours and a call log: the report wants one plain line. */
function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex -- stripping the ESC of colour codes is the point
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n')[0]?.trim() ?? plain;
}

function machineHeader(): string[] {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg().map((n) => n.toFixed(1));
  return [
    `Run ${new Date().toISOString()} on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}, headless Chromium (DOM renderer). Load average at the end: ${load.join(' / ')} ` +
      `(1/5/15 min; other work on the machine slows both sides of each ratio).`,
  ];
}

async function main(): Promise<void> {
  const modules = selected();
  console.log(`${HOW_TO_READ}\n`);
  const entries: BenchEntry[] = [];
  for (const module of modules) {
    console.log(`… ${module.id} ${module.title}`);
    const entry = await runOne(module);
    entries.push(entry);
    console.log(
      entry.error === undefined
        ? `  done in ${Math.round(entry.durationMs / 1000)} s`
        : `  FAILED after ${Math.round(entry.durationMs / 1000)} s: ${entry.error}`,
    );
  }
  console.log(`\n${consoleTable(entries)}\n`);
  for (const entry of entries) {
    for (const note of entry.notes) console.log(`${entry.id}: ${note}`);
  }
  await mkdir('reports', { recursive: true });
  await writeFile('reports/bench.json', `${JSON.stringify(entries, null, 2)}\n`);
  await writeFile('reports/bench.md', markdownReport(entries, machineHeader()));
  console.log('\nWrote reports/bench.json and reports/bench.md');
  // A module that failed to run is a broken benchmark (not a slow product): make it visible.
  process.exitCode = entries.some((e) => e.error !== undefined) ? 1 : 0;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  })
  // Whatever a given-up module left behind (a browser, a child) must not keep the run alive.
  .finally(() => {
    setImmediate(() => process.exit());
  });
