import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from './index';
import { api, seededJob, user } from './support/clients';

interface Project {
  readonly id: number;
  readonly path_with_namespace: string;
  readonly archived?: boolean;
  readonly permissions?: { readonly project_access: { readonly access_level: number } | null };
}

describe('REST API details', () => {
  let double: GitlabDouble;
  let alice: { token: string; read_api_token: string; cookie: string };

  beforeAll(async () => {
    double = await startGitlabDouble();
    alice = user(double, 'alice');
  });
  afterAll(async () => {
    await double.close();
  });

  it('/version needs auth (401 body like GitLab) and carries rate-limit headers when signed in', async () => {
    const anonymous = await api(double, '/version');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: '401 Unauthorized' });
    const res = await api(double, '/version', { token: alice.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('version');
    for (const name of [
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'ratelimit-observed',
    ]) {
      expect(res.headers.get(name), name).toMatch(/^\d+$/);
    }
    expect((await api(double, '/version', { token: 'glpat-nope' })).status).toBe(401);
  });

  it('/personal_access_tokens/self describes the token', async () => {
    const res = await api(double, '/personal_access_tokens/self', { token: alice.read_api_token });
    expect(await res.json()).toMatchObject({
      scopes: ['read_api'],
      active: true,
      revoked: false,
      user_id: 101,
    });
  });

  it('/projects filters by membership, access level and search, paginates with Link and X-Next-Page', async () => {
    const all = (await (
      await api(double, '/projects?membership=true', { token: alice.token })
    ).json()) as Project[];
    expect(all.map((p) => p.path_with_namespace).sort()).toEqual([
      'acme/legacy/monolith',
      'acme/platform/api',
      'acme/platform/docs',
      'acme/platform/web',
      'acme/tools/deploy',
    ]);
    const dev = (await (
      await api(double, '/projects?membership=true&min_access_level=30&archived=false', {
        token: alice.token,
      })
    ).json()) as Project[];
    expect(dev.map((p) => p.path_with_namespace)).not.toContain('acme/platform/docs');
    expect(dev.map((p) => p.path_with_namespace)).not.toContain('acme/legacy/monolith');
    const found = (await (
      await api(double, '/projects?search=deploy&simple=true', { token: alice.token })
    ).json()) as Project[];
    expect(found.map((p) => p.path_with_namespace)).toEqual(['acme/tools/deploy']);
    const page = await api(
      double,
      '/projects?membership=true&order_by=last_activity_at&per_page=2',
      {
        token: alice.token,
      },
    );
    expect(page.headers.get('x-next-page')).toBe('2');
    expect(page.headers.get('x-per-page')).toBe('2');
    const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1] ?? '';
    expect(new URL(next).searchParams.get('page')).toBe('2');
    expect(new URL(next).searchParams.get('order_by')).toBe('last_activity_at');
    expect((await page.json()) as Project[]).toHaveLength(2);
  });

  it('/projects/:id takes a numeric id or a URL-encoded path; unknown or hidden is 404 Project Not Found', async () => {
    const byPath = (await (
      await api(double, `/projects/${encodeURIComponent('acme/platform/api')}`, {
        token: alice.token,
      })
    ).json()) as Project;
    expect(byPath.id).toBe(41);
    expect(byPath.permissions?.project_access?.access_level).toBe(30);
    const archived = (await (
      await api(double, '/projects/45', { token: alice.token })
    ).json()) as Project;
    expect(archived.archived).toBe(true);
    const hidden = double.addProject({
      path: 'other/secret/vault',
      members: { bob: 'maintainer' },
    });
    const res = await api(double, `/projects/${hidden.id}`, { token: alice.token });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: '404 Project Not Found' });
    const noJob = await api(double, '/projects/41/jobs/424242', { token: alice.token });
    expect(await noJob.json()).toEqual({ message: '404 Not found' });
  });

  it('cancel and retry need the api scope; with it they work like GitLab', async () => {
    const jobId = double.createJob({ user: 'alice', project: 41 }).id;
    const denied = await api(
      double,
      `/projects/41/jobs/${jobId}/cancel`,
      { token: alice.read_api_token },
      {
        method: 'POST',
      },
    );
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: 'insufficient_scope', scope: 'api' });

    const canceled = await api(
      double,
      `/projects/41/jobs/${jobId}/cancel`,
      { token: alice.token },
      { method: 'POST' },
    );
    expect(canceled.status).toBe(201);
    expect(await canceled.json()).toMatchObject({ id: jobId, status: 'canceled' });

    const retried = await api(
      double,
      `/projects/41/jobs/${jobId}/retry`,
      { token: alice.token },
      { method: 'POST' },
    );
    expect(retried.status).toBe(201);
    const clone = (await retried.json()) as { id: number; status: string };
    expect(clone.status).toBe('pending');
    await waitForEvent(double, 'job-updated', (j) => j.id === clone.id && j.status === 'running');

    const running = await api(
      double,
      `/projects/41/jobs/${seededJob(double, 'rspec')}/retry`,
      { token: alice.token },
      {
        method: 'POST',
      },
    );
    expect(running.status).toBe(403);
    expect(await running.json()).toEqual({ message: '403 Forbidden - Job is not retryable' });
  });

  it('a revoked token gets 401 invalid_token', async () => {
    const token = user(double, 'carol').token;
    double.revoke({ token });
    const res = await api(double, '/user', { token });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('injected faults replace the next API answers: 429, 5xx, malformed, html, truncated', async () => {
    double.injectFaults({ status: 429, count: 1, retryAfter: 7 });
    const throttled = await api(double, '/user', { token: alice.token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');

    double.injectFaults({ status: 503, count: 2 });
    expect((await api(double, '/user', { token: alice.token })).status).toBe(503);
    expect((await api(double, '/user', { token: alice.token })).status).toBe(503);
    expect((await api(double, '/user', { token: alice.token })).status).toBe(200);

    double.injectFaults({ status: 'malformed', count: 1 });
    const malformed = await api(double, '/user', { token: alice.token });
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();

    double.injectFaults({ status: 'html', count: 1 });
    const html = await api(double, '/user', { token: alice.token });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);

    double.injectFaults({ status: 'truncated', count: 1 });
    const truncated = await api(double, '/projects/41/jobs', { token: alice.token });
    const text = await truncated.text();
    expect(text.startsWith('[{"id":')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('counts API requests by route', async () => {
    double.resetCounters();
    const seen = waitForEvent(
      double,
      'api-request',
      (r) => r.route === 'GET /api/v4/projects/:id/jobs',
    );
    await api(double, '/projects/41/jobs', { token: alice.token });
    expect((await seen).status).toBe(200);
    expect(double.counters().api_requests['GET /api/v4/projects/:id/jobs']).toBe(1);
  });
});
