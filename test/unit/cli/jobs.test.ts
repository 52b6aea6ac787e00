/** `jobshell jobs` end to end: the real CLI against the GitLab double's seeded and created jobs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../../gitlab-double';
import { cliEnv, runPiped, sessionValue } from './cli-process';

const API_PROJECT = 41;

interface Listed {
  readonly id: number;
  readonly name: string;
  readonly status: string;
  readonly web_url: string;
  readonly project: string;
  readonly debuggable: boolean;
  readonly reason: string | null;
}

describe('jobshell jobs', () => {
  let gl: GitlabDouble;
  let env: Record<string, string>;
  let noSession: number;
  let protectedRef: number;

  beforeAll(async () => {
    gl = await startGitlabDouble();
    const alice = seedUser(gl, 'alice');
    env = cliEnv({ GITLAB_SESSION: sessionValue(alice.cookie) });
    noSession = gl.createJob({
      user: 'alice',
      project: API_PROJECT,
      ref: 'feature/no-session',
      runner_session: false,
      name: 'no-session',
    }).id;
    // main is protected in acme/platform/api, where alice is only a Developer.
    protectedRef = gl.createJob({
      user: 'alice',
      project: API_PROJECT,
      ref: 'main',
      name: 'on-main',
    }).id;
  });
  afterAll(async () => {
    await gl.close();
  });

  it('--json lists your running and pending jobs with whether their terminal can be opened', async () => {
    const result = await runPiped(['jobs', '--url', gl.url, '--json'], env, '');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const jobs = JSON.parse(result.stdout) as readonly Listed[];
    const byId = new Map(jobs.map((job) => [job.id, job]));

    expect(byId.get(5001)).toMatchObject({
      name: 'rspec',
      status: 'running',
      project: 'acme/platform/api',
      web_url: `${gl.url}/acme/platform/api/-/jobs/5001`,
      debuggable: true,
      reason: null,
    });
    expect(byId.get(5004)).toMatchObject({ status: 'pending', debuggable: false });
    expect(byId.get(5004)?.reason).toMatch(/Waiting for a runner/);
    expect(byId.get(noSession)).toMatchObject({ status: 'running', debuggable: false });
    expect(byId.get(noSession)?.reason).toContain('[session_server]');
    expect(byId.get(protectedRef)).toMatchObject({ status: 'running', debuggable: false });
    expect(byId.get(protectedRef)?.reason).toContain('protected');
    // Finished jobs and other users' jobs are not yours to debug: not listed.
    expect(byId.has(5005)).toBe(false);
    expect(byId.has(5006)).toBe(false);
    expect(jobs.every((job) => job.debuggable === (job.reason === null))).toBe(true);
  });

  it('prints a table by default', async () => {
    const result = await runPiped(['jobs', '--url', gl.url], env, '');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+PROJECT\s+NAME\s+STATUS\s+TERMINAL$/);
    expect(lines.find((line) => line.startsWith('5001 '))).toMatch(
      /^5001\s+acme\/platform\/api\s+rspec\s+running\s+yes$/,
    );
  });

  it('needs --url (exit 2)', async () => {
    const result = await runPiped(['jobs', '--json'], env, '');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--url');
  });

  it('says the session was not accepted (exit 2) for a revoked cookie', async () => {
    const cookie = gl.newSession('alice');
    gl.revoke({ cookie });
    const result = await runPiped(
      ['jobs', '--url', gl.url],
      cliEnv({ GITLAB_SESSION: sessionValue(cookie) }),
      '',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('GitLab did not accept the cookie');
    expect(result.stderr).not.toContain(sessionValue(cookie));
  });
});
