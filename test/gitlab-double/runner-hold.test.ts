import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endScriptIntoHold,
  goDuration,
  startGitlabDouble,
  waitForEvent,
  type GitlabDouble,
  type JobMode,
} from './index';
import {
  api,
  connectTerminal,
  rawHandshake,
  terminalUrl,
  user,
  type TerminalClient,
} from './support/clients';

const HOLD_30M = '\x1b[32;1mTerminal is connected, will time out in 30m0s...\x1b[0;m';
/** FF_TIMESTAMPS prefix: RFC 3339 with microseconds, stream 00, stdout, new line. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z 00O /;

interface JobJson {
  readonly status: string;
  readonly finished_at: string | null;
}

async function apiJob(double: GitlabDouble, jobId: number): Promise<JobJson> {
  const res = await api(double, `/projects/41/jobs/${jobId}`, {
    token: user(double, 'alice').token,
  });
  return (await res.json()) as JobJson;
}

async function attached(
  double: GitlabDouble,
  mode: JobMode,
  extra: { exit_code?: number; timeout_seconds?: number } = {},
): Promise<{ jobId: number; client: TerminalClient }> {
  const jobId = double.createJob({ user: 'alice', project: 41, mode, ...extra }).id;
  const client = await connectTerminal(terminalUrl(double, jobId), {
    cookie: user(double, 'alice').cookie,
  });
  await client.waitForOutput(`job-${jobId}$ `);
  return { jobId, client };
}

describe('§8.3 runner hold semantics', () => {
  let double: GitlabDouble;
  /** session_timeout of 1 s so the hold times out within the test. */
  let shortHold: GitlabDouble;

  beforeAll(async () => {
    [double, shortHold] = await Promise.all([
      startGitlabDouble({ timestamps: true }),
      startGitlabDouble({ sessionTimeoutS: 1 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([double.close(), shortHold.close()]);
  });

  it('8.3-27: script end with a terminal attached logs the hold line; the job stays running', async () => {
    const { jobId, client } = await attached(double, 'shell');
    const hold = waitForEvent(
      double,
      'log',
      (e) => e.jobId === jobId && e.line.includes('Terminal is connected'),
    );
    double.endScript(jobId);
    const line = (await hold).line;
    expect(line).toMatch(TIMESTAMP);
    expect(line.replace(TIMESTAMP, '')).toBe(HOLD_30M);
    const job = await apiJob(double, jobId);
    expect(job.status).toBe('running');
    expect(job.finished_at).toBeNull();
    const view = double.jobsAdmin().find((j) => j.id === jobId);
    expect(view?.hold?.seconds).toBe(1800);
    expect(view?.terminal_attached).toBe(true);
    // New terminals still pass re-authorisation-wise, but the runner allows only one (500).
    expect(
      (await rawHandshake(terminalUrl(double, jobId), { Cookie: user(double, 'alice').cookie }))
        .status,
    ).toBe(500);
    client.ws.close(1000);
    await client.closed;
  });

  it('8.3-27: the hold is min(session_timeout, time left until the job timeout), as a Go duration', async () => {
    const JOB_TIMEOUT_S = 59;
    // The double runs on the real clock: bracket the job's age by readings taken around it.
    const created = Date.now();
    const { jobId, client } = await attached(double, 'kubernetes', {
      timeout_seconds: JOB_TIMEOUT_S,
    });
    const hold = waitForEvent(
      double,
      'log',
      (e) => e.jobId === jobId && e.line.includes('Terminal is connected'),
    );
    double.endScript(jobId);
    const line = (await hold).line;
    const maxAgeS = (Date.now() - created) / 1000;
    // The job timeout minus the job's age (the session timeout, 30 min, is the larger one).
    const seconds = double.jobsAdmin().find((j) => j.id === jobId)?.hold?.seconds ?? 0;
    expect(seconds).toBeLessThanOrEqual(JOB_TIMEOUT_S);
    expect(seconds).toBeGreaterThanOrEqual(Math.floor(JOB_TIMEOUT_S - maxAgeS));
    expect(line).toContain(`will time out in ${goDuration(seconds)}...`);
    expect([goDuration(1800), goDuration(3600), goDuration(59.4), goDuration(0)]).toEqual([
      '30m0s',
      '1h0m0s',
      '59s',
      '0s',
    ]);
    client.ws.close(1000);
    await client.closed;
  });

  it('8.3-28: the client disconnecting during the hold logs "Terminal disconnected" and the job finishes with its script result', async () => {
    const { jobId, client } = await attached(double, 'kubernetes', { exit_code: 1 });
    await endScriptIntoHold(double, jobId);
    const disconnected = waitForEvent(
      double,
      'log',
      (e) => e.jobId === jobId && e.line.includes('Terminal disconnected'),
    );
    const finished = waitForEvent(
      double,
      'job-updated',
      (j) => j.id === jobId && j.status !== 'running',
    );
    client.ws.close(1000);
    expect((await disconnected).line).toMatch(TIMESTAMP);
    expect((await finished).status).toBe('failed');
    expect((await apiJob(double, jobId)).status).toBe('failed');
    expect(double.trace(jobId)).toContain('ERROR: Job failed: exit code 1');
  });

  it('8.3-29: the hold timing out logs the timed-out line, drops the client (1006) and finishes the job', async () => {
    const { jobId, client } = await attached(shortHold, 'shell');
    const timedOut = waitForEvent(
      shortHold,
      'log',
      (e) => e.jobId === jobId && e.line.includes('terminal session timed out'),
    );
    const finished = waitForEvent(
      shortHold,
      'job-updated',
      (j) => j.id === jobId && j.status !== 'running',
    );
    shortHold.endScript(jobId);
    expect((await timedOut).line).toBe(
      '\x1b[32;1mterminal session timed out (maximum time allowed - 1s)\x1b[0;m',
    );
    expect((await client.closed).code).toBe(1006);
    expect((await finished).status).toBe('success');
    expect(shortHold.trace(jobId)).toContain('will time out in 1s...');
    expect(shortHold.trace(jobId)).not.toContain('Terminal disconnected');
  });

  it('timeOutHold runs the hold’s session_timeout out now, with the same log line and ending; a no-op unless held', async () => {
    const { jobId, client } = await attached(double, 'shell');
    double.timeOutHold(jobId);
    const hold = waitForEvent(
      double,
      'log',
      (e) => e.jobId === jobId && e.line.includes('Terminal is connected'),
    );
    double.endScript(jobId);
    await hold;
    expect(double.trace(jobId)).not.toContain('timed out');
    const finished = waitForEvent(
      double,
      'job-updated',
      (j) => j.id === jobId && j.status !== 'running',
    );
    double.timeOutHold(jobId);
    expect((await client.closed).code).toBe(1006);
    expect((await finished).status).toBe('success');
    expect(double.trace(jobId)).toContain(
      'terminal session timed out (maximum time allowed - 30m0s)',
    );
    expect(double.trace(jobId)).not.toContain('Terminal disconnected');
  });

  it('8.3-30: cancel during the hold drops the client (1006), the job is canceled, no terminal line is added', async () => {
    const { jobId, client } = await attached(double, 'shell');
    await endScriptIntoHold(double, jobId);
    const canceled = waitForEvent(
      double,
      'job-updated',
      (j) => j.id === jobId && j.status === 'canceled',
    );
    double.cancelJob(jobId);
    expect((await client.closed).code).toBe(1006);
    await canceled;
    const afterHold = double.trace(jobId).split('Terminal is connected')[1] ?? '';
    expect(afterHold).not.toContain('Terminal disconnected');
    expect(afterHold).not.toContain('timed out');
    expect((await apiJob(double, jobId)).status).toBe('canceled');
  });

  it('8.3-31: docker mode drops the terminal (1006) when the script ends; no hold; the job finishes', async () => {
    const { jobId, client } = await attached(double, 'docker');
    const finished = waitForEvent(
      double,
      'job-updated',
      (j) => j.id === jobId && j.status !== 'running',
    );
    double.endScript(jobId);
    expect((await client.closed).code).toBe(1006);
    expect((await finished).status).toBe('success');
    expect(double.trace(jobId)).not.toContain('Terminal is connected');
    expect(double.trace(jobId)).toContain('Job succeeded');
  });

  it('8.3-32: script end with no terminal attached finishes at once; a later handshake gets 404', async () => {
    const jobId = double.createJob({ user: 'alice', project: 41, mode: 'shell' }).id;
    double.endScript(jobId);
    expect(double.jobsAdmin().find((j) => j.id === jobId)?.status).toBe('success');
    expect(double.trace(jobId)).not.toContain('Terminal is connected');
    const answer = await rawHandshake(terminalUrl(double, jobId), {
      Cookie: user(double, 'alice').cookie,
    });
    expect(answer.status).toBe(404);
  });
});
