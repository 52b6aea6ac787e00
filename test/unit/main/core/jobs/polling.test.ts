import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH_FAILED_MESSAGE,
  PAUSED_MESSAGE,
} from '../../../../../src/main/core/jobs/account-status';
import { BACKOFF_BASE_MS, JITTER_FRACTION } from '../../../../../src/main/core/jobs/tuning';
import { connectionOf, jobListRequests, startHarness, type JobsHarness } from './support/harness';

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

const MINUTE = 60_000;

/** Fake-clock times of every API answer the double sent, with its status. */
function recordApi(harness: JobsHarness): { status: number; at: number }[] {
  const seen: { status: number; at: number }[] = [];
  harness.gl.events.on('api-request', ({ status }) =>
    seen.push({ status, at: harness.clock.now() }),
  );
  return seen;
}

function projectId(path: string): number {
  const project = h.gl.info.projects.find((p) => p.path_with_namespace === path);
  if (project === undefined) throw new Error(`no project ${path}`);
  return project.id;
}

describe('polling cadence', () => {
  it('polls a project with a running job of the user far more often than a quiet one', async () => {
    h = await startHarness();
    const quiet = h.gl.addProject({ path: 'acme/quiet/notes', members: { alice: 'developer' } });
    await h.drive(10 * MINUTE);
    const busy = jobListRequests(h.http.sent, projectId('acme/platform/api'));
    const idle = jobListRequests(h.http.sent, quiet.id);
    expect(idle).toBeGreaterThan(0);
    expect(busy).toBeGreaterThan(4 * idle);
  });

  it('pauses while hidden with no terminal open, polls slower with one, and refreshes on focus', async () => {
    h = await startHarness();
    await h.drive(MINUTE);
    const visibleStart = h.http.sent.length;
    await h.drive(2 * MINUTE);
    const visibleCount = h.http.sent.length - visibleStart;

    h.service.setVisibility(false, false);
    await h.drive(1000);
    expect(h.aliceJobs()).toMatchObject({ status: 'paused', message: PAUSED_MESSAGE });
    const hiddenStart = h.http.sent.length;
    await h.drive(10 * MINUTE, 5000);
    expect(h.http.sent.length - hiddenStart).toBe(0);

    h.service.setOpenTerminals(1);
    const slowStart = h.http.sent.length;
    await h.drive(2 * MINUTE);
    const slowCount = h.http.sent.length - slowStart;
    expect(slowCount).toBeGreaterThan(0);
    expect(slowCount).toBeLessThan(visibleCount);

    h.service.setOpenTerminals(0);
    await h.drive(1000);
    const focusStart = h.http.sent.length;
    // A burst of focus events is one refresh.
    h.service.setVisibility(true, false);
    h.service.setVisibility(true, true);
    h.service.setVisibility(true, false);
    h.service.setVisibility(true, true);
    await h.drive(1000);
    expect(h.aliceJobs().status).toBe('ok');
    const listRefreshes = h.http.sent
      .slice(focusStart)
      .filter((l) => l.startsWith('GET /api/v4/projects?'));
    expect(listRefreshes).toHaveLength(1);
  });

  it('sends nothing to the instance until Retry-After has passed after a 429', async () => {
    h = await startHarness();
    await h.drive(30_000);
    const jobs = h.aliceJobs().jobs;
    h.gl.injectFaults({ status: 429, count: 1, retryAfter: 120 });
    h.service.refresh();
    await h.drive(1000);
    const blockedAt = h.http.sent.length;
    const list = h.aliceJobs();
    expect(list).toMatchObject({ status: 'stale', jobs });
    expect(list.message).toMatch(/429/);
    expect(list.retryAt).toBeGreaterThan(h.clock.now() + 115_000);
    expect(list.retryAt).toBeLessThanOrEqual(h.clock.now() + 120_000);
    await expect(h.service.pinProject('acct-alice', 'acme/tools/deploy')).rejects.toMatchObject({
      code: 'unavailable',
    });
    h.service.refresh();
    await h.drive(115_000);
    expect(h.http.sent.length).toBe(blockedAt);
    await h.drive(10_000);
    expect(h.http.sent.length).toBeGreaterThan(blockedAt);
    expect(h.aliceJobs()).toMatchObject({ status: 'ok', retryAt: null, jobs });
  });

  it('slows down before a 429 when RateLimit-Remaining runs low', async () => {
    h = await startHarness();
    await h.drive(MINUTE);
    const normalStart = h.http.sent.length;
    await h.drive(3 * MINUTE);
    const normal = h.http.sent.length - normalStart;
    h.http.setRewrite((response) => ({
      ...response,
      headers: { ...response.headers, 'ratelimit-limit': '2000', 'ratelimit-remaining': '12' },
    }));
    await h.drive(30_000);
    const lowStart = h.http.sent.length;
    await h.drive(3 * MINUTE);
    const low = h.http.sent.length - lowStart;
    expect(low).toBeLessThan(normal / 2);
    expect(h.aliceJobs().status).toBe('ok');
  });

  it('backs off after 5xx answers, keeps the last list marked stale, and recovers', async () => {
    h = await startHarness();
    await h.drive(30_000);
    const jobs = h.aliceJobs().jobs;
    const answers = recordApi(h);
    h.gl.injectFaults({ status: 502, count: 3 });
    await h.drive(20_000);
    const failures = answers.filter((a) => a.status >= 500);
    expect(failures.length).toBeGreaterThan(0);
    const stale = h.events
      .map((e) => e.find((a) => a.accountId === 'acct-alice'))
      .find((a) => a?.status === 'stale');
    expect(stale?.jobs).toEqual(jobs);
    expect(stale?.retryAt).toBeGreaterThan(0);
    expect(stale?.message).toMatch(/server error \(502\)/);
    await h.drive(3 * MINUTE);
    expect(answers.filter((a) => a.status >= 500)).toHaveLength(3);
    // After each failure, no request reaches the instance before the (jittered) base backoff.
    const minWait = BACKOFF_BASE_MS * (1 - JITTER_FRACTION);
    for (const failure of answers.filter((a) => a.status >= 500)) {
      const early = answers.filter((a) => a.at > failure.at && a.at < failure.at + minWait);
      expect(early).toEqual([]);
    }
    expect(h.aliceJobs()).toMatchObject({ status: 'ok', jobs });
  });

  it('survives malformed JSON, an HTML page and a truncated body with one logged error', async () => {
    h = await startHarness();
    await h.drive(30_000);
    const jobs = h.aliceJobs().jobs;
    h.gl.injectFaults({ status: 'malformed', count: 2 });
    h.gl.injectFaults({ status: 'html', count: 2 });
    h.gl.injectFaults({ status: 'truncated', count: 2 });
    await h.drive(5 * MINUTE);
    const errors = h.logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(h.logger.lines.filter((l) => l.message === 'Job discovery recovered')).toHaveLength(1);
    const staleStates = h.events.flat().filter((a) => a.status === 'stale');
    expect(staleStates.length).toBeGreaterThan(0);
    for (const state of staleStates) expect(state.jobs).toEqual(jobs);
    expect(h.aliceJobs()).toMatchObject({ status: 'ok', jobs });
  });

  it('stops polling an account whose credentials GitLab refuses, and resumes after a new sign-in', async () => {
    h = await startHarness({ token: 'none' });
    await h.drive(30_000);
    h.gl.revoke({ cookie: h.alice.cookie });
    await h.drive(30_000);
    expect(h.accounts.authFailures).toEqual([{ accountId: 'acct-alice', source: 'api' }]);
    expect(h.aliceJobs()).toMatchObject({
      status: 'error',
      message: AUTH_FAILED_MESSAGE,
      jobs: [],
    });
    const stoppedAt = h.http.sent.length;
    h.service.refresh();
    await h.drive(10 * MINUTE, 5000);
    expect(h.http.sent.length).toBe(stoppedAt);

    h.accounts.set(connectionOf(h.gl, h.alice, 'none', h.gl.newSession('alice')));
    await h.drive(2000);
    expect(h.aliceJobs().status).toBe('ok');
    expect(h.aliceJobs().jobs).toHaveLength(5);
  });

  it('pushes only changes', async () => {
    h = await startHarness();
    await h.drive(MINUTE);
    const settled = h.events.length;
    expect(settled).toBeGreaterThan(0);
    await h.drive(6 * MINUTE);
    expect(h.events.length).toBe(settled);
    const created = h.gl.createJob({ user: 'alice', name: 'new-one' });
    await h.drive(20_000);
    expect(h.events.length).toBe(settled + 1);
    expect(h.events.at(-1)?.[0]?.jobs.some((j) => j.id === created.id)).toBe(true);
  });
});

describe('cancel', () => {
  it('with only a read_api token, cancels through the web session and its CSRF token', async () => {
    h = await startHarness({ token: 'read_api' });
    await h.drive(1000);
    const rspec = h.aliceJobs().jobs.find((j) => j.name === 'rspec');
    if (rspec === undefined) throw new Error('no rspec job');
    await h.service.cancel('acct-alice', rspec.projectId, rspec.id);
    expect(h.gl.jobsAdmin().find((j) => j.id === rspec.id)?.status).toBe('canceled');
  });

  it('cancels through the API and drops the job from the list', async () => {
    h = await startHarness({ token: 'api' });
    await h.drive(1000);
    const rspec = h.aliceJobs().jobs.find((j) => j.name === 'rspec');
    if (rspec === undefined) throw new Error('no rspec job');
    await h.service.cancel('acct-alice', rspec.projectId, rspec.id);
    expect(h.gl.jobsAdmin().find((j) => j.id === rspec.id)?.status).toBe('canceled');
    await h.drive(1000);
    expect(h.aliceJobs().jobs.some((j) => j.id === rspec.id)).toBe(false);
  });
});
