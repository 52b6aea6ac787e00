/**
 * P2: back-pressure under a big flood through the whole Jobshell path: the renderer's pending
 * bytes (written to xterm, not yet parsed), the core's unacknowledged bytes per session (read
 * from the terminal service's flow-control counters after every frame the core takes), the core
 * process's RSS growth, and `yes` then Ctrl-C: from the double sending the ^C echo to the prompt
 * parsed into xterm's buffer.
 */
import type { Page } from '@playwright/test';
import { HIGH_WATERMARK_BYTES } from '../../src/main/core/terminal/flow-control';
import type { JobInfo } from '../gitlab-double';
import type { BenchMetric, BenchReport, BenchRun } from './bench-types';
import type { BenchWindow } from './page-api';
import { withBenchEnv, type BenchEnv } from './support/bench-env';
import { discardErrors, measureClockOffset } from './support/browser';
import { directYesRate, terminalLook } from './support/direct-write';
import { writeFlood, type FloodFiles } from './support/flood';
import { armFlood, floodResult, FLOOD_TIMEOUT_MS } from './support/flood-run';
import {
  openJobshellPage,
  promptOf,
  readyTerminal,
  typeCommand,
  UI_TIMEOUT_MS,
} from './support/jobshell-page';
import { describeInFlight, totalInFlight, type InFlight } from './support/in-flight';
import { snapshot, trackUnacked, type UnackedTracker } from './support/unacked';
import { HAS_GC, nodeMemory } from './support/memory';
import { MIB, median, mibPerSecond, round3 } from './support/stats';

/** The file cat'd repeatedly; COPIES of it make the flood (one 32 MiB file, not a 200 MB one). */
const FILE_BYTES = 32 * MIB;
/** 6 × 32 MiB ≈ 201 MB: the goal's 200 MB. */
const COPIES = 6;
/** RSS is sampled this often during the flood: growth is slow, peaks last longer than this. */
const RSS_SAMPLE_MS = 50;
/** `yes` runs until this much has reached the page, so Ctrl-C meets a full pipeline. */
const YES_BYTES_BEFORE_CTRL_C = 8 * MIB;
/** `yes` output written straight into xterm for its own drain rate: seconds of work at ~1–3 MiB/s. */
const YES_DIRECT_BYTES = 2 * MIB;
/** Measured direct writes of it (after one warm-up); the median counts. */
const YES_DIRECT_RUNS = 3;
/** Ctrl-C rounds; the report gives the worst and the median. */
const CTRL_C_ROUNDS = 3;
/** What the double's PTY echoes for Ctrl-C (ECHOCTL). */
const CTRL_C_ECHO = Buffer.from('^C');

export const run: BenchRun = async () => {
  const flood = await writeFlood(FILE_BYTES);
  try {
    return await withBenchEnv((env) => measure(env, flood));
  } finally {
    await flood.remove();
  }
};

async function measure(env: BenchEnv, flood: FloodFiles): Promise<BenchReport> {
  const page = await openJobshellPage(env.browser, env.app, env.pages.probeScript);
  // Counted from before the session exists, so both sides start at zero together.
  const unacked = trackUnacked(env);
  const job = await env.newJob('bench:p2');
  const sessionId = await readyTerminal(page, env.app, env.accountId, job);
  const bigFlood = await floodPhase(page, sessionId, flood, unacked);
  const ctrlC = await ctrlCPhase(env, page, sessionId, job, unacked);
  unacked.stop();
  const look = await terminalLook(env, page, sessionId);
  const yesRate =
    (await directYesRate(env, look, flood.dir, YES_DIRECT_BYTES, YES_DIRECT_RUNS)) * 1000;
  const inFlightMedian = median(ctrlC.inFlight.map(totalInFlight));
  const sessions = await env.app.core.request('terminal.list', {});
  const dropped = sessions.find((s) => s.id === sessionId)?.droppedBytes ?? Number.NaN;
  const discarded = discardErrors(env.browser.pageErrors).length;
  const metrics: BenchMetric[] = [
    {
      name: 'renderer pending bytes, max',
      value: bigFlood.rendererMax,
      unit: 'B',
      goal: '≤ 500 KB',
    },
    {
      name: 'core unacked bytes per session, max',
      value: bigFlood.coreMax,
      unit: 'B',
      baseline: HIGH_WATERMARK_BYTES,
      ratio: round3(bigFlood.coreMax / HIGH_WATERMARK_BYTES),
      goal: '≤ high watermark (baseline column)',
    },
    {
      name: 'core RSS growth during the flood (peak)',
      value: round3(bigFlood.rssGrowth / MIB),
      unit: 'MiB',
      goal: '≤ 20 MB',
    },
    {
      name: 'core RSS growth kept after the flood (after GC)',
      value: round3(bigFlood.rssRetained / MIB),
      unit: 'MiB',
    },
    {
      name: 'Ctrl-C: double echoes ^C → prompt in xterm, worst',
      value: round3(ctrlC.worst),
      unit: 'ms',
      goal: '≤ 250 ms',
    },
    {
      name: 'Ctrl-C: double echoes ^C → prompt in xterm, median',
      value: round3(ctrlC.median),
      unit: 'ms',
      goal: '≤ 250 ms',
    },
    {
      name: 'Ctrl-C: key press → prompt in xterm, median',
      value: round3(ctrlC.keyMedian),
      unit: 'ms',
    },
    {
      name: 'Ctrl-C: output still delivered after the key, median',
      value: round3(ctrlC.backlog / MIB),
      unit: 'MiB',
    },
    {
      name: 'Ctrl-C: bytes in flight at the key, all hops (median)',
      value: round3(inFlightMedian / MIB),
      unit: 'MiB',
    },
    {
      name: "xterm's own rate for `yes` output (direct term.write, same terminal look)",
      value: round3(yesRate / MIB),
      unit: 'MiB/s',
    },
    {
      name: 'Ctrl-C floor: bytes in flight ÷ xterm’s own `yes` rate',
      value: round3((inFlightMedian / yesRate) * 1000),
      unit: 'ms',
    },
    {
      name: 'Ctrl-C: `yes` drain rate after the key, median',
      value: round3(ctrlC.drainMibps),
      unit: 'MiB/s',
    },
    { name: 'flood throughput (for context)', value: round3(bigFlood.mibps), unit: 'MiB/s' },
    {
      name: 'output dropped at the hard cap',
      value: dropped,
      unit: 'B',
      goal: '0 below the cap',
    },
    { name: 'xterm "write data discarded"', value: discarded, unit: 'count', goal: '0' },
  ];
  const notes = [
    `Flood: ${round3(bigFlood.bytes / 1e6)} MB (${COPIES} × cat of a ${FILE_BYTES / MIB} MiB coloured ls -l file) through one terminal.`,
    `Core unacked = bytes the core's terminal socket delivered (a wrapper of the injected socket factory) − renderer acks ` +
      `that reached the core (a wrapper of the endpoint the bridge calls), taken right after the core took each frame ` +
      `(${bigFlood.frames} frames): the flow control's own count (no drops, no markers here). It may exceed the watermark ` +
      `by what ws had already read when the core paused the socket.`,
    `Renderer pending = bytes the page received for the session minus bytes acked (acks follow xterm's write callback).`,
    `RSS sampled every ${RSS_SAMPLE_MS} ms in the bench process (core + bridge; the double runs in its own process); ` +
      `heap used grew ${round3(bigFlood.heapGrowth / MIB)} MiB; ${HAS_GC ? 'baseline taken after full GCs' : 'no gc() available'}.`,
    `Ctrl-C: the double's send of the ^C echo is stamped in the double's process (wall clock), the prompt's parse in the page ` +
      `(acked bytes reach the prompt's frame); page clock offset ${round3(ctrlC.offset.offsetMs)} ± ${round3(ctrlC.offset.uncertaintyMs)} ms was measured and removed. ` +
      `Rounds (ms): ${ctrlC.rounds.map(round3).join(', ')}.`,
    `Where the Ctrl-C time goes: ${round3(ctrlC.backlog / MIB)} MiB of \`yes\` output (median) was already on its way when ^C was typed; ` +
      `at the \`yes\` drain rate (${round3(ctrlC.drainMibps)} MiB/s, backlog / key→prompt time) that alone takes the Ctrl-C time.`,
    `Bytes in flight per hop just before the key (median of the rounds; kernel queues from \`ss\`, the double's ` +
      `user space from its ws bufferedAmount, which the double keeps at ~0 like the runner's blocking write): ` +
      `${describeInFlight(ctrlC.inFlight)}. The double's PTY (kernel) and the core's batcher (≤ 1 ms) are not counted.`,
  ];
  await page.close();
  return { id: 'P2', title: 'Back-pressure', metrics, notes };
}

interface FloodPhase {
  readonly bytes: number;
  readonly mibps: number;
  readonly rendererMax: number;
  readonly coreMax: number;
  readonly frames: number;
  readonly rssGrowth: number;
  /** RSS after the flood and full GCs, minus before: what stayed. */
  readonly rssRetained: number;
  readonly heapGrowth: number;
}

async function floodPhase(
  page: Page,
  sessionId: string,
  flood: FloodFiles,
  unacked: UnackedTracker,
): Promise<FloodPhase> {
  // Short relative names keep the typed line on one terminal row.
  await typeCommand(page, sessionId, `cd ${flood.dir}`);
  await page.keyboard.press('Enter');
  const files = Array.from({ length: COPIES }, () => 'f').join(' ');
  await typeCommand(page, sessionId, `cat ${files}; printf '%s-%s\\n' BENCH DONE`);
  const before = nodeMemory();
  unacked.resetMax();
  let rssMax = before.rss;
  let heapMax = before.heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    rssMax = Math.max(rssMax, usage.rss);
    heapMax = Math.max(heapMax, usage.heapUsed);
  }, RSS_SAMPLE_MS);
  try {
    await armFlood(page, 'BENCH-DONE');
    await page.keyboard.press('Enter');
    const result = await floodResult(page);
    const after = nodeMemory();
    return {
      rssRetained: after.rss - before.rss,
      bytes: result.bytes,
      mibps: mibPerSecond(result.bytes, result.endAt - result.firstAt),
      rendererMax: result.maxPending,
      coreMax: unacked.max(),
      frames: unacked.frames(),
      rssGrowth: rssMax - before.rss,
      heapGrowth: heapMax - before.heapUsed,
    };
  } finally {
    clearInterval(sampler);
  }
}

interface CtrlCPhase {
  readonly rounds: readonly number[];
  readonly worst: number;
  readonly median: number;
  readonly keyMedian: number;
  /** Bytes of `yes` output that still reached the page after the Ctrl-C key, median. */
  readonly backlog: number;
  /** Backlog / (key → prompt): how fast the path drained `yes` output, median. */
  readonly drainMibps: number;
  /** Where the bytes were just before each Ctrl-C. */
  readonly inFlight: readonly InFlight[];
  readonly offset: Awaited<ReturnType<typeof measureClockOffset>>;
}

async function ctrlCPhase(
  env: BenchEnv,
  page: Page,
  sessionId: string,
  job: JobInfo,
  unacked: UnackedTracker,
): Promise<CtrlCPhase> {
  const offset = await measureClockOffset(page);
  const rounds: number[] = [];
  const keyRounds: number[] = [];
  const backlog: number[] = [];
  const drain: number[] = [];
  const inFlight: InFlight[] = [];
  for (let i = 0; i < CTRL_C_ROUNDS; i += 1) {
    await typeCommand(page, sessionId, `yes #${i}`);
    await page.evaluate(() => {
      (globalThis as unknown as BenchWindow).__bench?.reset();
    });
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (bytes) => ((globalThis as unknown as BenchWindow).__bench?.stats().received ?? 0) >= bytes,
      YES_BYTES_BEFORE_CTRL_C,
      { timeout: FLOOD_TIMEOUT_MS },
    );
    const echo = env.double.nextEcho(CTRL_C_ECHO, UI_TIMEOUT_MS);
    await page.evaluate(
      ({ prompt, timeout }) => {
        const bench = (globalThis as unknown as BenchWindow).__bench;
        bench?.armMarker(prompt, timeout);
        bench?.armNext();
      },
      { prompt: promptOf(job), timeout: UI_TIMEOUT_MS },
    );
    inFlight.push(await snapshot(env, page, unacked));
    await page.keyboard.press('Control+C');
    const echoAt = await echo;
    const prompt = await page.evaluate(async () => {
      const bench = (globalThis as unknown as BenchWindow).__bench;
      if (bench === undefined) throw new Error('The bench meter is not in this page');
      const result = await bench.markerResult();
      const next = await bench.nextResult(1).catch(() => null);
      return { doneAt: result.endAt, keyAt: next?.keyAt ?? null, after: result.bytes };
    });
    rounds.push(prompt.doneAt - offset.offsetMs - echoAt);
    backlog.push(prompt.after);
    if (prompt.keyAt !== null) {
      keyRounds.push(prompt.doneAt - prompt.keyAt);
      drain.push(mibPerSecond(prompt.after, prompt.doneAt - prompt.keyAt));
    }
  }
  return {
    rounds,
    worst: Math.max(...rounds),
    median: median(rounds),
    keyMedian: median(keyRounds),
    backlog: median(backlog),
    drainMibps: median(drain),
    inFlight,
    offset,
  };
}
