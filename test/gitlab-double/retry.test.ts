import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from './index';
import { FAILURE_REPORT } from './runner/failure-traces';
import { api, connectTerminal, seededJob, terminalUrl, user } from './support/clients';

interface JobJson {
  readonly id: number;
  readonly name: string;
  readonly stage: string;
  readonly ref: string;
  readonly status: string;
  readonly user: { readonly username: string };
}

/** The CSRF token GitLab's layout renders for this session (`csrf_meta_tags`). */
async function csrfTokenOf(double: GitlabDouble, cookie: string): Promise<string> {
  const page = await fetch(`${double.url}/`, { headers: { Cookie: cookie }, redirect: 'manual' });
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1];
  if (token === undefined) throw new Error('no csrf-token meta on the dashboard');
  return token;
}

/** Resolves once the job runs (it may already). */
async function runningJob(double: GitlabDouble, jobId: number): Promise<void> {
  // Checked and subscribed in one synchronous step: no event can slip in between.
  if (double.jobsAdmin().find((j) => j.id === jobId)?.status === 'running') return;
  await waitForEvent(double, 'job-updated', (j) => j.id === jobId && j.status === 'running');
}

function post(double: GitlabDouble, path: string, headers: Record<string, string>) {
  return fetch(`${double.url}/api/v4${path}`, { method: 'POST', headers });
}

describe('retry, as GitLab does it', () => {
  let double: GitlabDouble;
  let alice: { token: string; read_api_token: string; cookie: string };
  /** A fresh failed job like the seeded fixture: GitLab retries each job only once. */
  const failed = (): number =>
    double.createJob({
      user: 'alice',
      project: 41,
      mode: 'shell',
      name: 'rspec:integration',
      ref: 'feature/login',
      status: 'failed',
    }).id;

  beforeAll(async () => {
    double = await startGitlabDouble({ root: '/gitlab' });
    alice = user(double, 'alice');
  });
  afterAll(async () => {
    await double.close();
  });

  it('a cookie write needs the session CSRF token: none or a wrong one is 401', async () => {
    const path = `/projects/41/jobs/${failed()}/retry`;
    const bare = await post(double, path, { Cookie: alice.cookie });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ message: '401 Unauthorized' });
    const wrong = await post(double, path, { Cookie: alice.cookie, 'X-CSRF-Token': 'nope' });
    expect(wrong.status).toBe(401);
    // Another session's token does not fit this session.
    const other = await csrfTokenOf(double, double.newSession('alice'));
    expect((await post(double, path, { Cookie: alice.cookie, 'X-CSRF-Token': other })).status).toBe(
      401,
    );
  });

  it('cookie + CSRF token retries: 201, a new pending job of the same name/stage/ref for the retrier', async () => {
    const csrf = await csrfTokenOf(double, alice.cookie);
    const original = failed();
    const res = await post(double, `/projects/41/jobs/${original}/retry`, {
      Cookie: alice.cookie,
      'X-CSRF-Token': csrf,
    });
    expect(res.status).toBe(201);
    const clone = (await res.json()) as JobJson;
    expect(clone).toMatchObject({
      name: 'rspec:integration',
      stage: 'test',
      ref: 'feature/login',
      status: 'pending',
      user: { username: 'alice' },
    });
    expect(clone.id).toBeGreaterThan(original);
    await runningJob(double, clone.id);
    const admin = double.jobsAdmin().find((j) => j.id === clone.id);
    expect(admin?.mode).toBe('shell');
  });

  it('the new job belongs to whoever retried it', async () => {
    const carol = user(double, 'carol');
    const res = await api(
      double,
      `/projects/41/jobs/${failed()}/retry`,
      { token: carol.token },
      { method: 'POST' },
    );
    expect(res.status).toBe(201);
    const clone = (await res.json()) as JobJson;
    expect(clone.user.username).toBe('carol');
    expect(double.jobsAdmin().find((j) => j.id === clone.id)?.user_id).toBe(carol.id);
  });

  it('read_api → 403 insufficient_scope; not visible → 404; Reporter → 403; protected ref → 403', async () => {
    const scope = await api(
      double,
      `/projects/41/jobs/${failed()}/retry`,
      { token: alice.read_api_token },
      { method: 'POST' },
    );
    expect(scope.status).toBe(403);
    expect(await scope.json()).toMatchObject({ error: 'insufficient_scope', scope: 'api' });

    const vault = double.addProject({ path: 'other/secret/vault', members: { bob: 'maintainer' } });
    const hidden = double.createJob({ user: 'bob', project: vault.id, status: 'failed' });
    const notVisible = await api(
      double,
      `/projects/${vault.id}/jobs/${hidden.id}/retry`,
      { token: alice.token },
      { method: 'POST' },
    );
    expect(notVisible.status).toBe(404);

    // acme/platform/docs (44): alice is Reporter only.
    const docs = double.createJob({ user: 'bob', project: 44, status: 'failed' });
    const reporter = await api(
      double,
      `/projects/44/jobs/${docs.id}/retry`,
      { token: alice.token },
      { method: 'POST' },
    );
    expect(reporter.status).toBe(403);
    expect(await reporter.json()).toEqual({ message: '403 Forbidden' });

    const onMain = double.createJob({ user: 'alice', project: 41, ref: 'main', status: 'failed' });
    const protectedRef = await api(
      double,
      `/projects/41/jobs/${onMain.id}/retry`,
      { token: alice.token },
      { method: 'POST' },
    );
    expect(protectedRef.status).toBe(403);
    expect(await protectedRef.json()).toEqual({ message: '403 Forbidden' });
  });

  it('a running or pending job is not retryable', async () => {
    for (const name of ['rspec', 'build:gpu']) {
      const res = await api(
        double,
        `/projects/41/jobs/${seededJob(double, name)}/retry`,
        { token: alice.token },
        { method: 'POST' },
      );
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: '403 Forbidden - Job is not retryable' });
    }
  });

  it('a job is retried once: the second retry of it is not retryable (retried?)', async () => {
    const jobId = failed();
    const path = `/projects/41/jobs/${jobId}/retry`;
    const first = await api(double, path, { token: alice.token }, { method: 'POST' });
    expect(first.status).toBe(201);
    const second = await api(double, path, { token: alice.token }, { method: 'POST' });
    expect(second.status).toBe(403);
    expect(await second.json()).toEqual({ message: '403 Forbidden - Job is not retryable' });
  });

  it('a canceled job is retryable; its fixture exists', async () => {
    const canceled = seededJob(double, 'e2e:firefox');
    const res = await api(
      double,
      `/projects/42/jobs/${canceled}/retry`,
      { token: alice.token },
      { method: 'POST' },
    );
    expect(res.status).toBe(201);
  });

  it('a retried failing script leaves its report for the attached terminal to read', async () => {
    const res = await api(
      double,
      `/projects/41/jobs/${failed()}/retry`,
      { token: alice.token },
      { method: 'POST' },
    );
    const clone = (await res.json()) as JobJson;
    await runningJob(double, clone.id);
    const terminal = await connectTerminal(terminalUrl(double, clone.id), { cookie: alice.cookie });
    await terminal.waitForOutput(`job-${clone.id}$ `);
    const held = waitForEvent(double, 'job-updated', (j) => j.id === clone.id && j.hold !== null);
    double.endScript(clone.id);
    await held;
    terminal.send(`cat ${FAILURE_REPORT}\n`);
    await terminal.waitForOutput('step_script failed: exit code 1');
    const finished = waitForEvent(
      double,
      'job-updated',
      (j) => j.id === clone.id && j.status === 'failed',
    );
    terminal.ws.close(1000);
    await finished;
  });
});
