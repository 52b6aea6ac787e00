/**
 * `jobshell retry` end to end: the real CLI (pipes for the one-line stdout, a pseudo-terminal for
 * --attach) against the GitLab double, with a web session only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, startGitlabDouble, waitForEvent, type GitlabDouble } from '../../gitlab-double';
import { FAILURE_REPORT } from '../../gitlab-double/runner/failure-traces';
import { PtyRun, WAIT_MS, cliEnv, runPiped, sessionValue } from './cli-process';

const API_PROJECT = 41;
const DEPLOY_PROJECT = 43;

describe('jobshell retry', () => {
  let gl: GitlabDouble;
  let env: Record<string, string>;
  const runs: PtyRun[] = [];

  const failedJob = (project = API_PROJECT, mode: 'shell' | 'docker' = 'shell') =>
    gl.createJob({ user: 'alice', project, mode, name: 'rspec:integration', status: 'failed' });

  beforeAll(async () => {
    gl = await startGitlabDouble();
    const alice = seedUser(gl, 'alice');
    env = cliEnv({ GITLAB_SESSION: sessionValue(alice.cookie) });
  });
  afterEach(() => {
    for (const run of runs.splice(0)) run.kill();
  });
  afterAll(async () => {
    await gl.close();
  });

  it('prints the new job URL as one line on stdout (web session only)', async () => {
    const job = failedJob();
    const result = await runPiped(['retry', job.web_url], env, '');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const newId = Number(/\/-\/jobs\/(\d+)$/.exec(lines[0] ?? '')?.[1]);
    expect(newId).toBeGreaterThan(job.id);
    expect(gl.jobsAdmin().find((j) => j.id === newId)).toMatchObject({ user_id: 101 });

    // Again: GitLab retries a job once; the retry still running is named instead of a third job.
    const again = await runPiped(['retry', job.web_url], env, '');
    expect(again.exitCode).toBe(0);
    expect(again.stdout.trim()).toBe(lines[0]);
    expect(again.stderr).toContain(`already retried as #${newId}`);
  });

  it('exits 3 with the reason when the job cannot be retried', async () => {
    const running = gl.info.jobs.find((j) => j.name === 'rspec' && j.user_id === 101);
    if (running === undefined) throw new Error('no running rspec');
    const result = await runPiped(['retry', running.web_url], env, '');
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Job is not retryable');
  });

  it('Docker: explains, prints the snippet, and retries only with --yes', async () => {
    const job = failedJob(DEPLOY_PROJECT, 'docker');
    const refused = await runPiped(['retry', job.web_url], env, '');
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('Docker executor');
    expect(refused.stderr).toContain('JOBSHELL_HOLD');
    const yes = await runPiped(['retry', job.web_url, '--yes'], env, '');
    expect(yes.exitCode).toBe(0);
    expect(yes.stdout).toMatch(/\/-\/jobs\/\d+\n$/);
  });

  it('--attach waits for the new job, attaches like attach, and holds the failed script', async () => {
    const job = failedJob();
    const run = new PtyRun(['retry', job.web_url, '--attach'], env);
    runs.push(run);
    await run.waitFor(/\/-\/jobs\/(\d+)\r?\n/);
    const newId = Number(/\/-\/jobs\/(\d+)\r?\n/.exec(run.output)?.[1]);
    await run.waitFor('Connected. Detach with Ctrl-] then q.');
    await run.waitFor(`job-${newId}$ `);

    const held = waitForEvent(gl, 'job-updated', (j) => j.id === newId && j.hold !== null, WAIT_MS);
    gl.endScript(newId);
    await held;
    const typed = run.output.length;
    run.write(`cat ${FAILURE_REPORT}\r`);
    await run.waitFor('step_script failed: exit code 1', typed);

    const failed = waitForEvent(
      gl,
      'job-updated',
      (j) => j.id === newId && j.status === 'failed',
      WAIT_MS,
    );
    run.write('\x1dq');
    expect((await run.exitedWithin()).exitCode).toBe(0);
    await failed;
  });
});
