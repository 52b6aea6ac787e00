import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startGitlabDouble,
  type AdminJobView,
  type Counters,
  type GitlabDouble,
  type JobInfo,
} from './index';
import { api, rawHandshake, terminalUrl, user } from './support/clients';

describe('admin routes (gitlab-double-control.md)', () => {
  let double: GitlabDouble;

  beforeAll(async () => {
    double = await startGitlabDouble({ root: '/gitlab' });
  });
  afterAll(async () => {
    await double.close();
  });

  async function admin(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${double.adminUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  }

  it('lives outside the relative root', () => {
    expect(double.adminUrl).toBe(`${new URL(double.url).origin}/__double/`);
    expect(double.url.endsWith('/gitlab')).toBe(true);
  });

  it('creates, lists, ends and cancels jobs', async () => {
    const created = await admin('POST', 'jobs', {
      user: 'bob',
      project: 42,
      mode: 'kubernetes',
      exit_code: 1,
      name: 'it',
    });
    expect(created.status).toBe(201);
    const job = created.json as JobInfo;
    expect(job).toMatchObject({
      project_id: 42,
      user_id: 102,
      mode: 'kubernetes',
      name: 'it',
      status: 'running',
    });
    expect(job.web_url).toBe(`${double.url}/acme/platform/web/-/jobs/${job.id}`);

    const list = (await admin('GET', 'jobs')).json as AdminJobView[];
    expect(list.find((j) => j.id === job.id)).toMatchObject({
      status: 'running',
      terminal_attached: false,
      hold: null,
    });

    const ended = await admin('POST', `jobs/${job.id}/end-script`);
    expect((ended.json as AdminJobView).status).toBe('failed');

    const other = (await admin('POST', 'jobs', { user: 'alice' })).json as JobInfo;
    expect((await admin('POST', `jobs/${other.id}/cancel`)).json).toMatchObject({
      status: 'canceled',
    });
    expect((await admin('POST', 'jobs/999999/cancel')).status).toBe(404);
    expect((await admin('POST', 'jobs', { user: 'mallory' })).status).toBe(400);
    expect((await admin('POST', 'jobs', { user: 'alice', mode: 'ssh' })).status).toBe(400);
  });

  it('finishes a running job now with its script result, and leaves a finished one alone', async () => {
    const job = (await admin('POST', 'jobs', { user: 'alice', exit_code: 0 })).json as JobInfo;
    const finished = await admin('POST', `jobs/${job.id}/finish`);
    expect(finished.status).toBe(200);
    expect(finished.json).toMatchObject({ id: job.id, status: 'success', hold: null });
    const failing = (await admin('POST', 'jobs', { user: 'alice', exit_code: 2 })).json as JobInfo;
    expect((await admin('POST', `jobs/${failing.id}/finish`)).json).toMatchObject({
      status: 'failed',
    });
    expect((await admin('POST', `jobs/${failing.id}/finish`)).json).toMatchObject({
      status: 'failed',
    });
    expect((await admin('POST', 'jobs/999999/finish')).status).toBe(404);
  });

  it('times out a held job’s hold now; a job not held is left alone', async () => {
    const job = (await admin('POST', 'jobs', { user: 'alice' })).json as JobInfo;
    expect((await admin('POST', `jobs/${job.id}/time-out-hold`)).json).toMatchObject({
      id: job.id,
      status: 'running',
    });
    expect((await admin('POST', 'jobs/999999/time-out-hold')).status).toBe(404);
  });

  it('creates sessions and revokes cookies and tokens', async () => {
    const { cookie } = (await admin('POST', 'sessions', { user: 'bob' })).json as {
      cookie: string;
    };
    expect(cookie).toMatch(/^_gitlab_session=[0-9a-f]{32}$/);
    expect((await api(double, '/user', { cookie })).status).toBe(200);
    expect((await admin('POST', 'revoke', { cookie })).status).toBe(200);
    expect((await api(double, '/user', { cookie })).status).toBe(401);
    const { token } = user(double, 'bob');
    expect((await admin('POST', 'revoke', { token })).status).toBe(200);
    expect((await api(double, '/user', { token })).status).toBe(401);
  });

  it('injects faults, delays handshakes, sets runner faults and counts', async () => {
    expect((await admin('POST', 'counters/reset')).status).toBe(200);
    expect((await admin('POST', 'faults', { status: 429, count: 1, retry_after: 3 })).status).toBe(
      200,
    );
    const token = user(double, 'alice').token;
    const throttled = await api(double, '/user', { token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect((await admin('POST', 'faults', { status: 'malformed', count: 1 })).status).toBe(200);
    expect((await api(double, '/user', { token })).status).toBe(200);

    expect((await admin('POST', 'handshake-delay', { ms: 0 })).status).toBe(200);
    const jobId = double.createJob({ user: 'alice', project: 41 }).id;
    expect((await admin('POST', 'runner-fault', { job: jobId, fault: 'unreachable' })).status).toBe(
      200,
    );
    const cookie = user(double, 'alice').cookie;
    expect((await rawHandshake(terminalUrl(double, jobId), { Cookie: cookie })).status).toBe(500);
    expect((await admin('POST', 'runner-fault', { job: jobId })).status).toBe(200);
    expect((await admin('POST', 'utf8-split', { mode: 'always' })).status).toBe(200);
    expect((await admin('POST', 'half-open')).status).toBe(200);

    const counters = (await admin('GET', 'counters')).json as Counters;
    expect(counters.api_requests['GET /api/v4/user']).toBe(2);
    expect(counters.handshakes['500']).toBe(1);
    expect(counters).toMatchObject({
      terminal_connections: 0,
      bytes_in: 0,
      bytes_out: 0,
      pings_sent: 0,
    });
  });

  it('answers 404 for an unknown route and 400 for bad input', async () => {
    expect((await admin('GET', 'nope')).status).toBe(404);
    expect((await admin('POST', 'faults', { status: 418, count: 1 })).status).toBe(400);
    const res = await fetch(`${double.adminUrl}faults`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
  });
});
