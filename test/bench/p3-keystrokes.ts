/**
 * P3: keystroke overhead added by Jobshell, in its two legs — key → bytes leave the core's socket,
 * and echo frame in at the core's socket → glyph in the xterm buffer — against the baseline page's
 * same legs (key → bytes leave the page's socket; echo frame in at the page → glyph), and the
 * whole round trip key → echo glyph on the page's own clock for both.
 */
import type { Page } from '@playwright/test';
import type { BenchMetric, BenchReport, BenchRun } from './bench-types';
import { seedUser } from '../gitlab-double/core/seed-user';
import { startBaselineProxy } from './support/baseline-proxy';
import { openBaselinePage, waitForBaselineText } from './support/baseline-page';
import { withBenchEnv, type BenchEnv } from './support/bench-env';
import { measureClockOffset, type ClockOffset } from './support/browser';
import { openJobshellPage, promptOf, readyTerminal, terminalSize } from './support/jobshell-page';
import { timedKeystrokes } from './support/keystrokes';
import { percentile, ratioOf, round3 } from './support/stats';

/** The goal asks for at least 200. */
const KEYSTROKES = 200;
/** Keys typed first and not counted: JIT warm-up of every hop. */
const WARMUP_KEYSTROKES = 20;

export interface Legs {
  readonly inbound: number[];
  readonly outbound: number[];
  readonly roundTrip: number[];
}

export const run: BenchRun = () => withBenchEnv(measure);

async function measure(env: BenchEnv): Promise<BenchReport> {
  const jobshell = await jobshellLegs(env);
  const baseline = await baselineLegs(env, jobshell.look);
  const metrics = legMetrics(jobshell.legs, baseline.legs, 'socket');
  const p50s = (legs: Legs): string =>
    `key → page send ${round3(percentile(legs.inbound, 50))} ms, page receive → glyph ${round3(percentile(legs.outbound, 50))} ms`;
  const notes = [
    `${KEYSTROKES} keystrokes per page (after ${WARMUP_KEYSTROKES} uncounted), one at a time, each waiting for its echo; ` +
      `Playwright key presses into a bash readline prompt of the double.`,
    `Both legs are measured at the hop next to Workhorse: Jobshell's core socket (a wrapper of the injected socket factory) ` +
      `and, for the baseline, the loopback relay that stands in for the browser's own connection. Keydown and glyph are ` +
      `stamped in the page; page clock offsets ${round3(jobshell.offset.offsetMs)} ± ${round3(jobshell.offset.uncertaintyMs)} ms ` +
      `(Jobshell) and ${round3(baseline.offset.offsetMs)} ± ${round3(baseline.offset.uncertaintyMs)} ms (baseline) were measured and removed.`,
    `So both legs of both paths include Chromium's own WebSocket hop (renderer ↔ network service); Jobshell's also include ` +
      `the bridge and the core. The round trip is on the page's clock alone.`,
    `Inside the page (p50): Jobshell ${p50s(jobshell.pageLegs)} (bridge socket); baseline ${p50s(baseline.pageLegs)}.`,
    `"Glyph in the buffer" = xterm's write callback for the echo (Jobshell: the ack it triggers); painting follows on the next frame in both.`,
  ];
  return { id: 'P3', title: 'Keystroke overhead', metrics, notes };
}

/** Stamps at the hop next to Workhorse: the core's socket (Jobshell) or the relay (baseline). */
/**
 * Each leg's p50 and p95 against the baseline's, then what Jobshell adds at p95 (P3's goal:
 * ≤ 5 ms each way). `socket` names where the inbound leg ends ("socket", "8th socket").
 */
export function legMetrics(jobshell: Legs, baseline: Legs, socket: string): BenchMetric[] {
  const legs = [
    ['inbound', `key → bytes leave the ${socket}`, `key → ${socket}`, '≤ 5 ms'],
    ['outbound', 'echo frame in → glyph in xterm buffer', 'echo → glyph', '≤ 5 ms'],
    ['roundTrip', 'round trip key → echo glyph', 'round trip', undefined],
  ] as const;
  const metrics: BenchMetric[] = [];
  for (const p of [50, 95]) {
    for (const [leg, name] of legs) {
      const value = percentile(jobshell[leg], p);
      const base = percentile(baseline[leg], p);
      metrics.push({
        name: `${name} p${p}`,
        value: round3(value),
        unit: 'ms',
        baseline: round3(base),
        ratio: round3(ratioOf(value, base)),
      });
    }
  }
  for (const [leg, , short, goal] of legs) {
    metrics.push({
      name: `overhead added, ${short} (p95 Jobshell − p95 baseline)`,
      value: round3(percentile(jobshell[leg], 95) - percentile(baseline[leg], 95)),
      unit: 'ms',
      ...(goal === undefined ? {} : { goal }),
    });
  }
  return metrics;
}

export type Listen = (stamps: { sent(at: number): void; received(at: number): void }) => () => void;

export interface Measured {
  /** Legs measured at the hop next to Workhorse (what the goal compares). */
  readonly legs: Legs;
  /** Legs measured at the page's own socket (key → page send, page receive → glyph). */
  readonly pageLegs: Legs;
}

/** Warm-up, then timed keystrokes; each key's stamps are paired with the hop's first send/receive after it. */
export async function measureLegs(
  page: Page,
  listen: Listen,
  offset: ClockOffset,
): Promise<Measured> {
  let sentAt: number | null = null;
  let recvAt: number | null = null;
  const stop = listen({
    sent: (at) => {
      sentAt ??= at;
    },
    received: (at) => {
      recvAt ??= at;
    },
  });
  const legs: Legs = { inbound: [], outbound: [], roundTrip: [] };
  const pageLegs: Legs = { inbound: [], outbound: [], roundTrip: [] };
  try {
    await timedKeystrokes(page, WARMUP_KEYSTROKES);
    await timedKeystrokes(page, KEYSTROKES, {
      before: () => {
        sentAt = null;
        recvAt = null;
      },
      after: (r) => {
        if (r.keyAt === null || sentAt === null || recvAt === null) return;
        legs.inbound.push(sentAt - (r.keyAt - offset.offsetMs));
        legs.outbound.push(r.doneAt - offset.offsetMs - recvAt);
        legs.roundTrip.push(r.doneAt - r.keyAt);
        if (r.sentAt === null) return;
        pageLegs.inbound.push(r.sentAt - r.keyAt);
        pageLegs.outbound.push(r.doneAt - r.recvAt);
        pageLegs.roundTrip.push(r.doneAt - r.keyAt);
      },
    });
  } finally {
    stop();
  }
  return { legs, pageLegs };
}

async function jobshellLegs(
  env: BenchEnv,
): Promise<Measured & { offset: ClockOffset; look: { cols: number; rows: number } }> {
  const page = await openJobshellPage(env.browser, env.app, env.pages.probeScript);
  try {
    const job = await env.newJob('bench:p3-jobshell');
    const sessionId = await readyTerminal(page, env.app, env.accountId, job);
    const look = (await terminalSize(page, sessionId)) ?? { cols: 80, rows: 24 };
    const offset = await measureClockOffset(page);
    const measured = await measureLegs(
      page,
      (stamps) =>
        env.app.tap.listen({
          sent: (_url, _bytes, at) => {
            stamps.sent(at);
          },
          received: (_url, _data, at) => {
            stamps.received(at);
          },
        }),
      offset,
    );
    return { ...measured, offset, look };
  } finally {
    await page.close();
  }
}

export async function baselineLegs(
  env: BenchEnv,
  size: { cols: number; rows: number },
): Promise<Measured & { offset: ClockOffset }> {
  const alice = seedUser(env.double, 'alice');
  const proxy = await startBaselineProxy({
    upstream: env.double.url,
    cookie: alice.cookie,
    pagesDir: env.pages.dir,
  });
  const job = await env.newJob('bench:p3-baseline');
  const settings = await env.app.core.request('settings.get', {});
  const page = await openBaselinePage(
    env.browser,
    proxy.origin,
    'bytes',
    {
      ...size,
      scrollback: settings.scrollback,
      fontSize: settings.fontSize,
      fontFamily: 'monospace',
    },
    job,
  );
  try {
    await waitForBaselineText(page, promptOf(job));
    const offset = await measureClockOffset(page);
    const measured = await measureLegs(
      page,
      (stamps) =>
        proxy.listen({
          sent: (_bytes, at) => {
            stamps.sent(at);
          },
          received: (_bytes, at) => {
            stamps.received(at);
          },
        }),
      offset,
    );
    return { ...measured, offset };
  } finally {
    await page.close();
    await proxy.close();
  }
}
