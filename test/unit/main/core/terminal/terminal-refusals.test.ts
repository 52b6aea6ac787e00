/** Every way a terminal can be refused, with the reason the user reads, against the GitLab double. */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ContractError } from '../../../../../src/shared/contract';
import { seedUser } from '../../../../gitlab-double';
import { startHarness, seededJob, type Harness, type HarnessOptions } from './harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function harness(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

async function closedReason(
  harness: Harness,
  id: string,
): Promise<{ code: string; message: string }> {
  const state = await harness.renderer.waitForState(id, 'closed');
  return state.reason;
}

describe('terminal refusals', () => {
  it("refuses bob's job as not yours before any tab opens", async () => {
    const hh = await harness();
    const refused = hh.openJob(seededJob(hh.gl, 'rubocop').id);
    await expect(refused).rejects.toBeInstanceOf(ContractError);
    await expect(refused).rejects.toThrow(/not your job: only @bob/);
    expect(hh.service.list()).toEqual([]);
    expect(hh.gl.counters().handshakes).toEqual({});
  });

  it("with refuseOthersJobs off (the CLI), bob's job ends with the same reason", async () => {
    const hh = await harness({ service: { refuseOthersJobs: false } });
    const id = await hh.openJob(seededJob(hh.gl, 'rubocop').id);
    const reason = await closedReason(hh, id);
    expect(reason.code).toBe('not-allowed');
    expect(reason.message).toMatch(/not your job/);
    expect(reason.message).toMatch(/@bob/);
    expect(hh.gl.counters().handshakes).toEqual({ '404': 1 });
  });

  it('explains a pending job as not running yet', async () => {
    const hh = await harness();
    const id = await hh.openJob(seededJob(hh.gl, 'build:gpu').id);
    const reason = await closedReason(hh, id);
    expect(reason.code).toBe('not-allowed');
    expect(reason.message).toMatch(/not running yet \(status: pending\)/);
  });

  it('points at the session server when the runner has none', async () => {
    const hh = await harness();
    const job = hh.gl.createJob({ user: 'alice', runner_session: false });
    const id = await hh.openJob(job.id);
    const reason = await closedReason(hh, id);
    expect(reason.code).toBe('not-allowed');
    expect(reason.message).toMatch(/session_server/);
  });

  it('says someone else is attached, after exactly one handshake', async () => {
    const hh = await harness();
    const alice = seedUser(hh.gl, 'alice');
    const job = seededJob(hh.gl, 'rspec');
    const other = new WebSocket(
      `${job.web_url.replace(/^http/, 'ws')}/terminal.ws`,
      ['terminal.gitlab.com'],
      {
        headers: { Cookie: alice.cookie },
      },
    );
    await new Promise<void>((resolve, reject) => {
      other.once('open', () => {
        resolve();
      });
      other.once('error', reject);
    });
    try {
      const id = await hh.openJob(job.id);
      const reason = await closedReason(hh, id);
      expect(reason.code).toBe('already-attached');
      expect(reason.message).toMatch(/browser tab/);
      expect(hh.gl.counters().handshakes).toEqual({ '101': 1, '500': 1 });
    } finally {
      other.terminate();
    }
  });

  it('ends with "sign in again" when the session is revoked, and reports it', async () => {
    const hh = await harness({ double: { reauthIntervalMs: 200 } });
    const job = seededJob(hh.gl, 'rspec');
    const id = await hh.openJob(job.id);
    await hh.renderer.waitForState(id, 'open');
    hh.gl.revoke({ cookie: seedUser(hh.gl, 'alice').cookie });
    // The first closed state is the verdict ('checking' comes before it).
    const state = await hh.renderer.waitForState(id, 'closed');
    expect(state.reason.code).toBe('sign-in-required');
    expect(hh.accounts.authFailures).toContainEqual({
      accountId: 'acc-alice',
      source: 'reauthorisation',
    });
    expect(hh.gl.counters().handshakes).toEqual({ '101': 1 });
  });

  it('reports a handshake refused for a signed-out session', async () => {
    const hh = await harness();
    hh.gl.revoke({ cookie: seedUser(hh.gl, 'alice').cookie });
    const id = await hh.openJob(seededJob(hh.gl, 'rspec').id);
    const reason = await closedReason(hh, id);
    expect(reason.code).toBe('sign-in-required');
    expect(hh.accounts.authFailures).toContainEqual({
      accountId: 'acc-alice',
      source: 'terminal-handshake',
    });
  });

  it('shows "waiting for the runner" while the handshake is slow, then opens', async () => {
    const hh = await harness({ service: { tuning: { waitingForRunnerAfterMs: 50 } } });
    hh.gl.setHandshakeDelay(1000);
    const id = await hh.openJob(seededJob(hh.gl, 'rspec').id);
    const connecting = await hh.renderer.waitForState(id, 'connecting', (s) => s.waitingForRunner);
    expect(connecting.attempt).toBe(1);
    await hh.renderer.waitForState(id, 'open');
  });

  it('gives up on a handshake that never answers', async () => {
    const hh = await harness({ service: { tuning: { handshakeTimeoutMs: 300 } } });
    hh.gl.setHandshakeDelay(5000);
    const id = await hh.openJob(seededJob(hh.gl, 'rspec').id);
    const reason = await closedReason(hh, id);
    expect(reason.code).toBe('handshake-timeout');
  });

  it('opens from a job URL under a relative root, using the cookie for the API', async () => {
    const hh = await harness({ double: { root: '/gitlab' }, token: false });
    const job = seededJob(hh.gl, 'rspec');
    expect(job.web_url).toContain('/gitlab/acme/platform/api/-/jobs/');
    const { sessionId, existed } = await hh.service.open({ kind: 'url', url: `${job.web_url}/` });
    expect(existed).toBe(false);
    await hh.renderer.waitForText(sessionId, `job-${job.id}$ `);
    hh.service.input(sessionId, 'echo rooted-$((2*3))\r');
    await hh.renderer.waitForText(sessionId, 'rooted-6');
    expect(hh.service.list()[0]).toMatchObject({
      projectPath: 'acme/platform/api',
      jobName: 'rspec',
    });
  });

  it('connects over TLS with the account CA', async () => {
    const hh = await harness({ double: { tls: true } });
    expect(hh.gl.url.startsWith('https://')).toBe(true);
    const job = seededJob(hh.gl, 'rspec');
    const id = await hh.openJob(job.id);
    await hh.renderer.waitForText(id, `job-${job.id}$ `);
    hh.service.input(id, 'echo tls-$((3+4))\r');
    await hh.renderer.waitForText(id, 'tls-7');
  });

  it('refuses URLs it cannot use with a specific message', async () => {
    const hh = await harness();
    await expect(
      hh.service.open({ kind: 'url', url: 'https://elsewhere.example/a/b/-/jobs/1' }),
    ).rejects.toThrow('No signed-in account for elsewhere.example: add it first.');
    await expect(
      hh.service.open({ kind: 'url', url: `${hh.gl.url}/acme/platform/api/-/pipelines/1` }),
    ).rejects.toThrow(/not a job address/);
    await expect(
      hh.service.open({ kind: 'url', url: `${hh.gl.url}/acme/nope/-/jobs/999999` }),
    ).rejects.toBeInstanceOf(ContractError);
    await expect(
      hh.service.open({ kind: 'job', accountId: 'acc-nobody', projectId: 1, jobId: 1 }),
    ).rejects.toMatchObject({ code: 'auth' });
    expect(hh.service.list()).toEqual([]);
  });

  it('never logs the cookie or the token', async () => {
    const hh = await harness();
    const id = await hh.openJob(seededJob(hh.gl, 'rspec').id);
    await hh.renderer.waitForState(id, 'open');
    hh.service.close(id);
    const alice = seedUser(hh.gl, 'alice');
    const log = hh.logger.text();
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(alice.cookie.split('=')[1]);
    expect(log).not.toContain(alice.token);
  });
});
