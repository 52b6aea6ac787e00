/**
 * P3 with broadcast (issue 15): the same keystroke legs as P3, typed into one of 8 terminals that
 * all receive the input. The renderer sends each key once; the core fans it out to 8 sockets.
 * "key → bytes leave the socket" is measured to the LAST of the 8 sends (the whole fan-out), and
 * "echo → glyph" on the terminal typed into, while the other 7 echo into their hidden tabs.
 */
import type { BenchReport, BenchRun } from './bench-types';
import { baselineLegs, legMetrics, measureLegs } from './p3-keystrokes';
import { withBenchEnv, type BenchEnv } from './support/bench-env';
import { measureClockOffset } from './support/browser';
import {
  openJobshellPage,
  openTerminal,
  promptOf,
  readyTerminal,
  terminalSize,
  waitForText,
} from './support/jobshell-page';

/** The figure: a matrix of eight jobs debugged at once. */
const TARGETS = 8;

export const run: BenchRun = () => withBenchEnv(measure);

async function measure(env: BenchEnv): Promise<BenchReport> {
  const jobshell = await broadcastLegs(env);
  const baseline = await baselineLegs(env, jobshell.look);
  const metrics = legMetrics(jobshell.legs, baseline.legs, `${TARGETS}th socket`);
  const notes = [
    `${TARGETS} terminals on ${TARGETS} jobs of the double, all broadcast targets; keys typed into the one in front. ` +
      `Each key is one \`terminal.input\` message from the renderer; the core types it into all ${TARGETS} sessions.`,
    `The inbound leg ends when the ${TARGETS}th socket sent the key; the baseline (one page, one socket) is P3's.`,
    `The other ${TARGETS - 1} shells echo every key too: their output reaches hidden tabs at the same time.`,
  ];
  return { id: 'P3B', title: `Keystroke overhead, broadcast to ${TARGETS}`, metrics, notes };
}

async function broadcastLegs(env: BenchEnv) {
  const page = await openJobshellPage(env.browser, env.app, env.pages.probeScript);
  try {
    const others: string[] = [];
    for (let i = 1; i < TARGETS; i += 1) {
      const job = await env.newJob(`bench:p3b-${i}`);
      const id = await openTerminal(env.app, env.accountId, job);
      await waitForText(page, id, promptOf(job));
      others.push(id);
    }
    const typed = await env.newJob('bench:p3b-typed');
    const sessionId = await readyTerminal(page, env.app, env.accountId, typed);
    await env.app.core.request('broadcast.set', { sessionIds: [sessionId, ...others] });
    const look = (await terminalSize(page, sessionId)) ?? { cols: 80, rows: 24 };
    const offset = await measureClockOffset(page);
    let sends = 0;
    const measured = await measureLegs(
      page,
      (stamps) =>
        env.app.tap.listen({
          sent: (_url, _bytes, at) => {
            sends += 1;
            if (sends === TARGETS) stamps.sent(at);
          },
          received: (url, _data, at) => {
            // Echoes come after the whole fan-out (sends are synchronous): count the next key afresh.
            sends = 0;
            if (url.includes(`/jobs/${typed.id}/`)) stamps.received(at);
          },
        }),
      offset,
    );
    return { ...measured, offset, look };
  } finally {
    await page.close();
  }
}
