/**
 * Retry with terminal against the GitLab double, through the whole core (composeCore): a failed
 * shell job is retried, its terminal attaches while the script runs, the script fails, the job is
 * held, the shell reads what the script left, Release finishes it as failed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../../../src/main/core/app-core';
import { createMemorySecretStore } from '../../../../../src/main/core/storage/memory-stores';
import type { EventName, EventPayload } from '../../../../../src/shared/contract';
import type { RetryView } from '../../../../../src/shared/models';
import {
  seedUser,
  startGitlabDouble,
  waitForEvent,
  type GitlabDouble,
} from '../../../../gitlab-double';
import { FAILURE_REPORT } from '../../../../gitlab-double/runner/failure-traces';
import { composeTestCore } from '../../../support/test-core';

function core(): AppCore {
  return composeTestCore({
    mode: 'browser',
    secrets: createMemorySecretStore({ kind: 'memory', encrypted: false, warning: null }),
  });
}

/** Resolves with the first payload of `name` that `match` accepts (the latest one included). */
function nextEvent<E extends EventName>(
  app: AppCore,
  name: E,
  match: (payload: EventPayload<E>) => boolean,
): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const stop = app.subscribe((event: EventName, payload) => {
      if (event !== name || !match(payload as EventPayload<E>)) return;
      stop();
      resolve(payload as EventPayload<E>);
    });
  });
}

function retryOf(list: readonly RetryView[], originalJobId: number): RetryView | undefined {
  return list.find((r) => r.originalJobId === originalJobId);
}

describe('retry with terminal, against the double', () => {
  let gl: GitlabDouble;
  let app: AppCore;
  let accountId: string;

  beforeEach(async () => {
    gl = await startGitlabDouble({ root: '/gitlab' });
    app = core();
    await app.start();
    const alice = seedUser(gl, 'alice');
    // A web session only: no token, so the retry goes with the cookie and its CSRF token.
    accountId = (
      await app.request('accounts.add', {
        baseUrl: gl.url,
        session: { kind: 'cookie', value: alice.cookie },
      })
    ).id;
  });
  afterEach(async () => {
    await app.dispose();
    await gl.close();
  });

  const failedShellJob = (): number =>
    gl.createJob({
      user: 'alice',
      project: 41,
      mode: 'shell',
      name: 'rspec:integration',
      ref: 'feature/login',
      status: 'failed',
    }).id;

  it('retries, attaches while the script runs, holds the failure, reads its traces, releases as failed', async () => {
    const original = failedShellJob();
    const target = { kind: 'job' as const, accountId, projectId: 41, jobId: original };
    expect((await app.request('retry.check', { target })).kind).toBe('ready');

    // Every tab's output from the start: the shell's prompt may arrive before we know its tab.
    const output = new Map<string, Buffer[]>();
    app.subscribe((event, payload) => {
      if (event !== 'terminal.output') return;
      for (const chunk of payload as EventPayload<'terminal.output'>) {
        const list = output.get(chunk.sessionId) ?? [];
        list.push(Buffer.from(chunk.data));
        output.set(chunk.sessionId, list);
      }
    });
    const textOf = (sessionId: string): string =>
      Buffer.concat(output.get(sessionId) ?? []).toString('utf8');
    const attached = nextEvent(app, 'retries.changed', (list) =>
      ['attached', 'held'].includes(retryOf(list, original)?.state.kind ?? ''),
    );
    const started = await app.request('retry.start', { target, confirmed: false });
    expect(started.state.kind).toBe('pending');
    const newJobId = started.newJobId;
    if (newJobId === null) throw new Error('no new job');
    expect(gl.jobsAdmin().find((j) => j.id === newJobId)?.user_id).toBe(101);

    const view = retryOf(await attached, original);
    const sessionId = view?.sessionId;
    if (sessionId == null) throw new Error('no tab');
    // The shell is there before the script ends: wait for its prompt.
    await expect.poll(() => textOf(sessionId), { timeout: 10_000 }).toContain(`job-${newJobId}$ `);

    const held = nextEvent(
      app,
      'retries.changed',
      (list) => retryOf(list, original)?.state.kind === 'held',
    );
    gl.endScript(newJobId);
    await held;
    expect(gl.jobsAdmin().find((j) => j.id === newJobId)?.status).toBe('running');

    const report = waitForEvent(gl, 'shell-input', (e) => e.jobId === newJobId);
    app.notify('terminal.input', { sessionId, data: `cat ${FAILURE_REPORT}\n` });
    await report;
    await expect
      .poll(() => textOf(sessionId), { timeout: 10_000 })
      .toContain('step_script failed: exit code 1');

    const failed = waitForEvent(
      gl,
      'job-updated',
      (j) => j.id === newJobId && j.status === 'failed',
    );
    const ended = nextEvent(
      app,
      'retries.changed',
      (list) => retryOf(list, original)?.state.kind === 'ended',
    );
    await app.request('terminal.release', { sessionId });
    await failed;
    expect(retryOf(await ended, original)?.state).toMatchObject({ kind: 'ended', failed: false });
  });

  it("closing the retried job's tab ends the retry (it is no longer in progress)", async () => {
    const original = failedShellJob();
    const target = { kind: 'job' as const, accountId, projectId: 41, jobId: original };
    const attached = nextEvent(app, 'retries.changed', (list) =>
      ['attached', 'held'].includes(retryOf(list, original)?.state.kind ?? ''),
    );
    await app.request('retry.start', { target, confirmed: false });
    const sessionId = retryOf(await attached, original)?.sessionId;
    if (sessionId == null) throw new Error('no tab');
    const ended = nextEvent(
      app,
      'retries.changed',
      (list) => retryOf(list, original)?.state.kind === 'ended',
    );
    await app.request('terminal.close', { sessionId });
    expect(retryOf(await ended, original)?.state.kind).toBe('ended');
  });

  it('double click retries once; a second start returns the same retry', async () => {
    const original = failedShellJob();
    const target = { kind: 'job' as const, accountId, projectId: 41, jobId: original };
    const before = gl.counters().api_requests['POST /api/v4/projects/:id/jobs/:job_id/retry'] ?? 0;
    const [a, b] = await Promise.all([
      app.request('retry.start', { target, confirmed: false }),
      app.request('retry.start', { target, confirmed: false }),
    ]);
    expect(a.newJobId).toBe(b.newJobId);
    const again = await app.request('retry.start', { target, confirmed: false });
    expect(again.newJobId).toBe(a.newJobId);
    expect(gl.counters().api_requests['POST /api/v4/projects/:id/jobs/:job_id/retry']).toBe(
      before + 1,
    );
  });

  it('a Docker job gets the explanation and the snippet, and no retry until confirmed', async () => {
    const docker = gl.createJob({
      user: 'alice',
      project: 43,
      mode: 'docker',
      status: 'failed',
    }).id;
    const target = { kind: 'job' as const, accountId, projectId: 43, jobId: docker };
    const verdict = await app.request('retry.check', { target });
    expect(verdict).toMatchObject({ kind: 'confirm', reason: 'docker' });
    if (verdict.kind !== 'confirm') throw new Error('expected confirm');
    expect(verdict.snippet?.yaml).toContain('JOBSHELL_HOLD');
    const retries = (): number =>
      gl.counters().api_requests['POST /api/v4/projects/:id/jobs/:job_id/retry'] ?? 0;
    const before = retries();
    await expect(app.request('retry.start', { target, confirmed: false })).rejects.toThrow(
      /Docker executor/,
    );
    expect(retries()).toBe(before);
    const confirmed = await app.request('retry.start', { target, confirmed: true });
    expect(confirmed.newJobId).not.toBeNull();
    expect(retries()).toBe(before + 1);
  });

  it('a running job cannot be retried: the exact reason, nothing sent', async () => {
    const running = gl.info.jobs.find((j) => j.name === 'rspec' && j.user_id === 101);
    if (running === undefined) throw new Error('no running rspec');
    const target = { kind: 'job' as const, accountId, projectId: 41, jobId: running.id };
    expect(await app.request('retry.check', { target })).toMatchObject({
      kind: 'refused',
      reason: 'not-retryable',
    });
    await expect(app.request('retry.start', { target, confirmed: true })).rejects.toThrow(
      /Job is not retryable/,
    );
  });

  it('a protected branch and a Reporter role are refused with their reason', async () => {
    const onMain = gl.createJob({ user: 'alice', project: 41, ref: 'main', status: 'failed' }).id;
    expect(
      await app.request('retry.check', {
        target: { kind: 'job', accountId, projectId: 41, jobId: onMain },
      }),
    ).toMatchObject({ kind: 'refused', reason: 'protected-ref' });
    const docs = gl.createJob({ user: 'bob', project: 44, status: 'failed' }).id;
    expect(
      await app.request('retry.check', {
        target: { kind: 'job', accountId, projectId: 44, jobId: docs },
      }),
    ).toMatchObject({ kind: 'refused', reason: 'insufficient-role' });
  });

  it('a web-session-only account can cancel too', async () => {
    const job = gl.createJob({ user: 'alice', project: 41 });
    await app.request('jobs.cancel', { accountId, projectId: 41, jobId: job.id });
    expect(gl.jobsAdmin().find((j) => j.id === job.id)?.status).toBe('canceled');
  });

  it('lists the failed and canceled jobs of the account with reason, duration and executor', async () => {
    const listed = await nextEvent(app, 'jobs.changed', (lists) =>
      (lists[0]?.finished ?? []).some((j) => j.name === 'rspec:integration' && j.executor !== null),
    );
    const finished = listed[0]?.finished ?? [];
    expect(finished.find((j) => j.name === 'rspec:integration')).toMatchObject({
      status: 'failed',
      failureReason: 'script_failure',
      executor: 'shell',
    });
    expect(finished.find((j) => j.name === 'rspec:integration')?.durationS).toBeGreaterThan(0);
    expect(finished.some((j) => j.name === 'e2e:firefox' && j.status === 'canceled')).toBe(true);
    // Other users' failures are not the user's to retry.
    expect(finished.every((j) => j.accountId === accountId)).toBe(true);
  });
});
