import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, type GitlabDouble } from './index';
import { api, seededJob, user } from './support/clients';

/** Tiny, so the rate limit is reached in a few requests (GitLab's default is 600/min). */
const JOBS_LIMIT = 5;

interface Job {
  readonly id: number;
  readonly status: string;
  readonly user: { readonly id: number };
}

describe('§8.3 REST', () => {
  let double: GitlabDouble;
  let limited: GitlabDouble;
  let alice: { token: string; cookie: string; id: number };

  beforeAll(async () => {
    [double, limited] = await Promise.all([
      startGitlabDouble(),
      startGitlabDouble({ jobsRateLimitPerMinute: JOBS_LIMIT }),
    ]);
    alice = user(double, 'alice');
  });
  afterAll(async () => {
    await Promise.all([double.close(), limited.close()]);
  });

  it('8.3-33: running jobs by scope[] or scope, newest first, no totals; unknown scope 400; over the limit 429', async () => {
    for (const query of ['scope[]=running', 'scope=running']) {
      const res = await api(double, `/projects/41/jobs?${query}`, { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-total')).toBeNull();
      expect(res.headers.get('x-total-pages')).toBeNull();
      expect(res.headers.get('x-page')).toBe('1');
      const jobs = (await res.json()) as Job[];
      expect(jobs.length).toBeGreaterThanOrEqual(2);
      expect(jobs.every((j) => j.status === 'running')).toBe(true);
      expect(jobs.map((j) => j.id)).toEqual([...jobs.map((j) => j.id)].sort((a, b) => b - a));
    }
    const paged = await api(double, '/projects/41/jobs?per_page=1', { token: alice.token });
    expect(paged.headers.get('x-next-page')).toBe('2');
    expect(paged.headers.get('link')).toContain('rel="next"');
    expect(paged.headers.get('link')).not.toContain('rel="last"');

    const bad = await api(double, '/projects/41/jobs?scope[]=runing', { token: alice.token });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'scope does not have a valid value' });

    const token = user(limited, 'alice').token;
    for (let i = 0; i < JOBS_LIMIT; i++) {
      expect((await api(limited, '/projects/41/jobs', { token })).status).toBe(200);
    }
    const throttled = await api(limited, '/projects/41/jobs', { token });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throttled.json()).toEqual({
      message: { error: 'This endpoint has been requested too many times. Try again later.' },
    });
    // Per user: bob is not throttled by alice's requests.
    expect(
      (await api(limited, '/projects/41/jobs', { token: user(limited, 'bob').token })).status,
    ).toBe(200);
  });

  it('8.3-34: the trace is the whole text/plain log; Range is ignored', async () => {
    const jobId = seededJob(double, 'rspec');
    const res = await api(
      double,
      `/projects/41/jobs/${jobId}/trace`,
      { token: alice.token },
      {
        headers: { Range: 'bytes=10-20' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('content-disposition')).toBe(`infile; filename="${jobId}.log"`);
    const body = await res.text();
    expect(body.startsWith('Running with gitlab-runner')).toBe(true);
    expect(body).toBe(double.trace(jobId));
  });

  it('8.3-35: GET /user answers the same id for the PAT and for the session cookie', async () => {
    const byToken = (await (await api(double, '/user', { token: alice.token })).json()) as {
      id: number;
    };
    const byCookie = (await (await api(double, '/user', { cookie: alice.cookie })).json()) as {
      id: number;
    };
    const byBearer = (await (await api(double, '/user', { bearer: alice.token })).json()) as {
      id: number;
    };
    expect(byToken.id).toBe(alice.id);
    expect(byCookie.id).toBe(alice.id);
    expect(byBearer.id).toBe(alice.id);
    // The cookie counts for GET/HEAD only (no CSRF token on other methods).
    const post = await api(
      double,
      `/projects/41/jobs/${seededJob(double, 'rspec')}/cancel`,
      { cookie: alice.cookie },
      {
        method: 'POST',
      },
    );
    expect(post.status).toBe(401);
  });

  it('8.3-36: the web job JSON has terminal_path exactly when Debug would show, with Poll-Interval: 10000', async () => {
    const webJson = async (jobId: number, projectPath: string, cookie: string) => {
      const res = await fetch(`${double.url}/${projectPath}/-/jobs/${jobId}.json`, {
        headers: { Cookie: cookie },
      });
      return {
        res,
        body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null,
      };
    };
    const mine = seededJob(double, 'rspec');
    const { res, body } = await webJson(mine, 'acme/platform/api', alice.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('poll-interval')).toBe('10000');
    expect(body?.terminal_path).toBe(`/acme/platform/api/-/jobs/${mine}/terminal`);
    expect(body?.status).toMatchObject({ group: 'running', text: 'Running' });

    const bob = user(double, 'bob').cookie;
    const noDebug: readonly [number, string, string][] = [
      [mine, 'acme/platform/api', bob],
      [seededJob(double, 'lint'), 'acme/platform/api', alice.cookie],
      [seededJob(double, 'build:gpu'), 'acme/platform/api', alice.cookie],
      [double.createJob({ user: 'alice', project: 44 }).id, 'acme/platform/docs', alice.cookie],
      [double.createJob({ user: 'alice', project: 45 }).id, 'acme/legacy/monolith', alice.cookie],
      [
        double.createJob({ user: 'alice', project: 41, ref: 'main' }).id,
        'acme/platform/api',
        alice.cookie,
      ],
      [
        double.createJob({ user: 'alice', project: 41, runner_session: false }).id,
        'acme/platform/api',
        alice.cookie,
      ],
    ];
    for (const [jobId, path, cookie] of noDebug) {
      const answer = await webJson(jobId, path, cookie);
      expect(answer.res.status, `${path} ${jobId}`).toBe(200);
      expect(answer.body, `${path} ${jobId}`).not.toHaveProperty('terminal_path');
    }
    // Tokens do not count on web routes: the request is anonymous (Devise 401 for JSON).
    const anonymous = await fetch(`${double.url}/acme/platform/api/-/jobs/${mine}.json`, {
      headers: { 'PRIVATE-TOKEN': alice.token },
    });
    expect(anonymous.status).toBe(401);
  });
});
