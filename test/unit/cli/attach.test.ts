/**
 * `jobshell attach` end to end: the real CLI in a pseudo-terminal (or with pipes) against the
 * GitLab double, with real shells behind it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, startGitlabDouble, waitForEvent, type GitlabDouble } from '../../gitlab-double';
import { WAIT_MS, PtyRun, cliEnv, runPiped, sessionValue } from './cli-process';

/** Short enough that the hold notice shows a small, recognisable time left. */
const SESSION_TIMEOUT_S = 120;
const API_PROJECT = 41;
/** Seeded: bob's running job in acme/platform/api, where alice is a Developer too. */
const BOBS_JOB = 5006;

describe('jobshell attach', () => {
  let gl: GitlabDouble;
  let env: Record<string, string>;
  const runs: PtyRun[] = [];

  const attach = (url: string, ...flags: string[]): PtyRun => {
    const run = new PtyRun(['attach', url, ...flags], env);
    runs.push(run);
    return run;
  };
  const attachWrapped = (url: string): PtyRun => {
    const run = new PtyRun(['attach', url], env, { wrapped: true });
    runs.push(run);
    return run;
  };
  const newJob = (): { id: number; web_url: string } =>
    gl.createJob({ user: 'alice', project: API_PROJECT, mode: 'shell' });

  beforeAll(async () => {
    gl = await startGitlabDouble({ sessionTimeoutS: SESSION_TIMEOUT_S });
    const alice = seedUser(gl, 'alice');
    env = cliEnv({ GITLAB_SESSION: sessionValue(alice.cookie) });
  });
  afterEach(() => {
    for (const run of runs.splice(0)) run.kill();
  });
  afterAll(async () => {
    await gl.close();
  });

  it('runs a command in the job shell and detaches with Ctrl-] q (exit 0, socket closed)', async () => {
    const job = newJob();
    const run = attach(job.web_url);
    await run.waitFor(`Connecting to acme/platform/api job ${job.id}`);
    await run.waitFor('Connected. Detach with Ctrl-] then q.');
    const typed = run.output.length;
    run.write('echo hello-$((6*7))\r');
    // The echoed command line shows $((6*7)); only the shell's answer shows 42.
    await run.waitFor('hello-42', typed);

    const disconnected = waitForEvent(
      gl,
      'terminal-disconnected',
      (e) => e.jobId === job.id,
      WAIT_MS,
    );
    run.write('\x1d');
    run.write('q');
    expect((await run.exited).exitCode).toBe(0);
    expect((await disconnected).reason).toBe('client-close');
    expect(run.output).toContain('Detached.');
  });

  it('sends a literal Ctrl-] for Ctrl-] Ctrl-] and stays attached', async () => {
    const job = newJob();
    const run = attach(job.web_url);
    await run.waitFor('Connected.');
    const input = waitForEvent(
      gl,
      'shell-input',
      (e) => e.jobId === job.id && e.bytes.includes(0x1d),
      WAIT_MS,
    );
    run.write('\x1d\x1d');
    expect((await input).bytes.toString('latin1')).toBe('\x1d');
    run.write('\x1dq');
    expect((await run.exited).exitCode).toBe(0);
  });

  it('on SIGTERM closes the terminal (1000), leaves the TTY usable and exits 143', async () => {
    const job = newJob();
    const run = attachWrapped(job.web_url);
    const pid = await run.pid();
    await run.waitFor('Connected.');
    const disconnected = waitForEvent(
      gl,
      'terminal-disconnected',
      (e) => e.jobId === job.id,
      WAIT_MS,
    );
    process.kill(pid, 'SIGTERM');
    const after = await run.afterExit();
    expect(after.exitCode).toBe(143);
    expect((await disconnected).reason).toBe('client-close');
    expect(run.output).toContain('Stopped by SIGTERM: the terminal was closed.');
    // Canonical mode and echo are back on: the user's shell works as before.
    expect(after.stty).toMatch(/(^|\s)icanon\b/);
    expect(after.stty).toMatch(/(^|\s)echo\b/);
  });

  it("refuses another user's job with the app's reason and exit 3", async () => {
    const run = attach(`${gl.url}/acme/platform/api/-/jobs/${BOBS_JOB}`);
    await run.waitFor('This is not your job: only @bob, who started it, can open its terminal');
    expect((await run.exited).exitCode).toBe(3);
  });

  it('prints one hold notice when the script ends while attached, and releases the job on detach', async () => {
    const job = newJob();
    const run = attach(job.web_url);
    await run.waitFor('Connected.');
    gl.endScript(job.id);
    await run.waitFor(
      new RegExp(
        `Job ${job.id} finished[^;]*; this terminal is keeping it running \\(\\d+:\\d\\d left\\)\\. Detach \\(Ctrl-\\] q\\) to release it\\.`,
      ),
    );
    const finished = waitForEvent(
      gl,
      'job-updated',
      (e) => e.id === job.id && e.status !== 'running',
      WAIT_MS,
    );
    run.write('\x1dq');
    expect((await run.exited).exitCode).toBe(0);
    expect((await finished).status).toBe('success');
    expect(run.output).toContain('Detached: the job can finish now.');
    expect(run.output.match(/this terminal is keeping it running/g)).toHaveLength(1);
  });

  it('types the stty line with --sync-size', async () => {
    const job = newJob();
    const run = attach(job.web_url, '--sync-size');
    const sized = waitForEvent(
      gl,
      'shell-input',
      (e) => e.jobId === job.id && e.bytes.toString().includes('stty cols 100 rows 30'),
      WAIT_MS,
    );
    await run.waitFor('Connected.');
    await sized;
    run.write('\x1dq');
    expect((await run.exited).exitCode).toBe(0);
  });

  it('forwards piped stdin, exits 0 once the shell has run it all', async () => {
    const job = newJob();
    const exited = waitForEvent(gl, 'terminal-disconnected', (e) => e.jobId === job.id, WAIT_MS);
    // As `printf 'echo piped-$((1+1))\n' | jobshell attach URL` would.
    const result = await runPiped(['attach', job.web_url], env, 'echo piped-$((1+1))\n');
    expect(result.stdout).toContain('piped-2');
    expect(result.exitCode).toBe(0);
    expect((await exited).reason).toBe('shell-exit');
    // stdout is the job's output only; how it ended is said once, on stderr.
    expect(result.stdout).not.toContain('──');
    expect(result.stdout).not.toContain('The shell exited');
    expect(result.stderr.match(/The shell exited/g)).toHaveLength(1);
  });

  it('says how the session ended once, not also inside the output', async () => {
    const job = newJob();
    const run = attach(job.web_url);
    await run.waitFor('Connected.');
    // Typed once the shell shows its prompt: a shell still starting may discard early input.
    await run.waitFor(`job-${job.id}$`);
    run.write('exit\r');
    expect((await run.exitedWithin()).exitCode).toBe(0);
    expect(run.output).toContain('The shell exited');
    expect(run.output.match(/The shell exited/g)).toHaveLength(1);
    expect(run.output).not.toContain('session ended');
  });

  it('keeps to the address given when GitLab names another one, and says so once on stderr', async () => {
    const job = newJob();
    gl.setExternalUrl('http://127.0.0.1:9/elsewhere');
    try {
      const result = await runPiped(['attach', job.web_url], env, 'echo kept-$((3+4))\n');
      expect(result.stdout).toContain('kept-7');
      expect(result.exitCode).toBe(0);
      expect(
        result.stderr.match(/GitLab says its address is http:\/\/127\.0\.0\.1:9;/g),
      ).toHaveLength(1);
      expect(result.stdout).not.toContain('GitLab says');
    } finally {
      gl.setExternalUrl(null);
    }
  });

  it('says what is missing when there is no session (exit 2), naming GITLAB_SESSION', async () => {
    const job = newJob();
    const result = await runPiped(['attach', job.web_url], cliEnv({}), '');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No GitLab session: set GITLAB_SESSION');
    expect(result.stdout).toBe('');
  });

  it('refuses an unknown flag with exit 2, naming it', async () => {
    const result = await runPiped(['attach', `${gl.url}/a/b/-/jobs/1`, '--colour'], env, '');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Unknown option --colour');
  });
});

describe('jobshell attach on a GitLab under a relative root', () => {
  let gl: GitlabDouble;

  beforeAll(async () => {
    gl = await startGitlabDouble({ root: '/gitlab' });
  });
  afterAll(async () => {
    await gl.close();
  });

  it('finds the root by itself and never prints the session', async () => {
    const alice = seedUser(gl, 'alice');
    const session = sessionValue(alice.cookie);
    const job = gl.createJob({ user: 'alice', project: API_PROJECT, mode: 'shell' });
    expect(job.web_url).toContain('/gitlab/acme/platform/api/');
    const result = await runPiped(
      ['attach', job.web_url],
      cliEnv({ GITLAB_SESSION: session }),
      'echo rooted-$((2+3))\n',
    );
    expect(result.stdout).toContain('rooted-5');
    expect(result.exitCode).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(session);
  });
});
