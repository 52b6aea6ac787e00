import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from './index';
import { connectTerminal, rawHandshake, terminalUrl, user } from './support/clients';

/** Short so the "runner not ready" case is fast; the real runner waits 60 s. */
const READY_TIMEOUT_MS = 300;
/** Any delay: the test watches the double's event, not the clock. */
const HANDSHAKE_DELAY_MS = 50;

describe('§8.3 upstream failures', () => {
  let double: GitlabDouble;
  let cookie: string;

  beforeAll(async () => {
    double = await startGitlabDouble({ runnerReadyTimeoutMs: READY_TIMEOUT_MS });
    cookie = user(double, 'alice').cookie;
  });
  afterAll(async () => {
    await double.close();
  });

  const aliceJob = (): number => double.createJob({ user: 'alice', project: 41 }).id;

  it('8.3-13: an unreachable runner or a TLS mismatch gives 500 before the upgrade', async () => {
    const jobId = aliceJob();
    const url = terminalUrl(double, jobId);
    for (const fault of ['unreachable', 'tls-mismatch'] as const) {
      double.setRunnerFault(jobId, fault);
      const answer = await rawHandshake(url, { Cookie: cookie });
      expect(answer.status, fault).toBe(500);
      expect(answer.body).toBe('Internal Server Error\n');
    }
    double.setRunnerFault(jobId, null);
    expect((await rawHandshake(url, { Cookie: cookie })).status).toBe(101);
  });

  it('8.3-14: a second terminal on the same job gets 500 (runner 423) and the first keeps working', async () => {
    const jobId = aliceJob();
    const url = terminalUrl(double, jobId);
    const first = await connectTerminal(url, { cookie });
    const second = await rawHandshake(url, { Cookie: cookie });
    expect(second.status).toBe(500);
    first.send(Buffer.from('echo still-$((6*7))\r'));
    await first.waitForOutput('still-42');
    first.ws.close(1000);
    await first.closed;
  });

  it('8.3-15: a runner that is not ready makes the handshake wait, then 500', async () => {
    const jobId = aliceJob();
    const url = terminalUrl(double, jobId);
    double.setRunnerFault(jobId, 'not-ready');
    const waits: number[] = [];
    const stop = double.events.on('executor-wait', (e) => {
      waits.push(e.jobId);
    });
    const answer = await rawHandshake(url, { Cookie: cookie });
    stop();
    // The 500 came from the ready timeout: the dial waited for the executor first.
    expect(answer.status).toBe(500);
    expect(waits).toEqual([jobId]);

    // The executor attaching while the handshake waits lets it through.
    const waiting = waitForEvent(double, 'executor-wait', (e) => e.jobId === jobId);
    const pending = rawHandshake(url, { Cookie: cookie });
    await waiting;
    double.setRunnerFault(jobId, null);
    expect((await pending).status).toBe(101);
  });

  it('handshake delay applies after authorisation only', async () => {
    /** Longer than any test may run: a handshake that met it would fail by timeout. */
    const UNREACHABLE_DELAY_MS = 10 * 60_000;
    const url = terminalUrl(double, aliceJob());
    try {
      // A delay far beyond the test's timeout: the 302 arriving at all shows it was not delayed.
      double.setHandshakeDelay(UNREACHABLE_DELAY_MS);
      expect((await rawHandshake(url)).status).toBe(302);
      double.setHandshakeDelay(HANDSHAKE_DELAY_MS);
      const delayed = waitForEvent(double, 'handshake-delayed', (e) => url.endsWith(e.path));
      expect((await rawHandshake(url, { Cookie: cookie })).status).toBe(101);
      expect(await delayed).toMatchObject({ ms: HANDSHAKE_DELAY_MS });
    } finally {
      double.setHandshakeDelay(0);
    }
  });
});
