import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from './index';
import { connectTerminal, rawHandshake, seededJob, terminalUrl, user } from './support/clients';

describe('§8.3 auth', () => {
  let double: GitlabDouble;
  let alice: { cookie: string; token: string };

  beforeAll(async () => {
    double = await startGitlabDouble();
    alice = user(double, 'alice');
  });
  afterAll(async () => {
    await double.close();
  });

  const aliceJob = (): number => double.createJob({ user: 'alice', project: 41 }).id;
  const signIn = (): string => `${double.url}/users/sign_in`;

  it('8.3-8: no cookie on a private project gets 302 to /users/sign_in and no upgrade', async () => {
    const answer = await rawHandshake(terminalUrl(double, aliceJob()));
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(signIn());
  });

  it('8.3-9: PRIVATE-TOKEN, Bearer or ?private_token= alone are ignored (same 302 as no cookie)', async () => {
    const url = terminalUrl(double, aliceJob());
    const answers = await Promise.all([
      rawHandshake(url, { 'PRIVATE-TOKEN': alice.token }),
      rawHandshake(url, { Authorization: `Bearer ${alice.token}` }),
      rawHandshake(`${url}?private_token=${alice.token}`),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.headers.location).toBe(signIn());
    }
  });

  it('8.3-10: a valid cookie that may not open this terminal gets 404', async () => {
    const bob = user(double, 'bob').cookie;
    const cases: readonly {
      readonly why: string;
      readonly jobId: number;
      readonly cookie: string;
    }[] = [
      { why: "not the job's user", jobId: aliceJob(), cookie: bob },
      {
        why: 'Reporter only',
        jobId: double.createJob({ user: 'alice', project: 44 }).id,
        cookie: alice.cookie,
      },
      {
        why: 'protected ref without push rights',
        jobId: double.createJob({ user: 'alice', project: 41, ref: 'main' }).id,
        cookie: alice.cookie,
      },
      {
        why: 'archived project',
        jobId: double.createJob({ user: 'alice', project: 45 }).id,
        cookie: alice.cookie,
      },
      { why: 'job pending', jobId: seededJob(double, 'build:gpu'), cookie: alice.cookie },
      { why: 'job finished', jobId: seededJob(double, 'lint'), cookie: alice.cookie },
      {
        why: 'runner without a session',
        jobId: double.createJob({ user: 'alice', project: 41, runner_session: false }).id,
        cookie: alice.cookie,
      },
      { why: 'no such job', jobId: 999_999, cookie: alice.cookie },
    ];
    const origin = new URL(double.url).origin.replace(/^http/, 'ws');
    for (const c of cases) {
      const url =
        c.jobId === 999_999
          ? `${origin}/acme/platform/api/-/jobs/999999/terminal.ws`
          : terminalUrl(double, c.jobId);
      const answer = await rawHandshake(url, { Cookie: c.cookie });
      expect(answer.status, c.why).toBe(404);
    }
    // Positive control: a Maintainer's own job on the protected ref opens.
    const carolMain = double.createJob({ user: 'carol', project: 41, ref: 'main' }).id;
    const ok = await rawHandshake(terminalUrl(double, carolMain), {
      Cookie: user(double, 'carol').cookie,
    });
    expect(ok.status).toBe(101);
  });

  it('8.3-11: an Origin from another host gets 403 after authorize and after the runner dial', async () => {
    const evil = { Origin: 'https://evil.example' };
    const jobId = aliceJob();
    const url = terminalUrl(double, jobId);
    // The runner saw a terminal connect and go away: its shell started and was hung up.
    const shellGone = waitForEvent(double, 'shell-exited', (e) => e.jobId === jobId);
    const forbidden = await rawHandshake(url, { ...evil, Cookie: alice.cookie });
    expect(forbidden.status).toBe(403);
    await shellGone;
    // Authorization comes first: without a cookie the Origin is never looked at.
    expect((await rawHandshake(url, evil)).status).toBe(302);
    // The dial comes before the Origin check too.
    double.setRunnerFault(jobId, 'unreachable');
    expect((await rawHandshake(url, { ...evil, Cookie: alice.cookie })).status).toBe(500);
    double.setRunnerFault(jobId, null);
  });

  it('8.3-12: an Origin equal to the GitLab host, or no Origin, is accepted', async () => {
    const host = new URL(double.url).host;
    for (const origin of [`http://${host}`, `HTTP://${host.toUpperCase()}`, undefined]) {
      const client = await connectTerminal(terminalUrl(double, aliceJob()), {
        cookie: alice.cookie,
        headers: origin === undefined ? {} : { Origin: origin },
      });
      expect(client.ws.protocol).toBe('terminal.gitlab.com');
      client.ws.close(1000);
      await client.closed;
    }
  });
});
