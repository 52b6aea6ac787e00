import { afterEach, describe, expect, it } from 'vitest';
import type { JobView } from '../../../../../src/shared/models';
import { startHarness, webJobRequests, type JobsHarness } from './support/harness';

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

function job(name: string): JobView {
  const found = h.aliceJobs().jobs.find((j) => j.name === name);
  if (found === undefined)
    throw new Error(
      `no job named ${name} in ${h
        .aliceJobs()
        .jobs.map((j) => j.name)
        .join(', ')}`,
    );
  return found;
}

/** The reason a job's terminal is not available; fails the test when it is. */
function reasonOf(view: JobView): string {
  if (view.terminal.available) throw new Error(`${view.name}: expected no terminal`);
  return view.terminal.reason;
}

describe('job discovery against the GitLab double', () => {
  it("lists alice's running and pending jobs and bob's running job, with the right badges", async () => {
    h = await startHarness();
    await h.drive(1000);
    const list = h.aliceJobs();
    expect(list.status).toBe('ok');
    expect(list.jobs.map((j) => j.name).sort()).toEqual([
      'build:gpu',
      'deploy:review',
      'e2e:chrome',
      'rspec',
      'rubocop',
    ]);
    expect(job('rspec')).toMatchObject({
      mine: true,
      status: 'running',
      stage: 'test',
      ref: 'feature/login',
      projectPath: 'acme/platform/api',
      terminal: { available: true },
    });
    expect(job('rspec').pipelineId).toEqual(expect.any(Number));
    expect(job('rspec').runner).toEqual(expect.any(String));
    expect(job('e2e:chrome').terminal).toEqual({ available: true });
    // Docker jobs do get a runner session, so GitLab shows Debug (docs/gitlab-terminal-protocol.md §5.3); it drops at script end.
    expect(job('deploy:review').terminal).toEqual({ available: true });
    expect(job('build:gpu').status).toBe('pending');
    expect(reasonOf(job('build:gpu'))).toMatch(/^Waiting for a runner/);
    expect(job('rubocop')).toMatchObject({
      mine: false,
      startedBy: 'bob',
      terminal: {
        available: false,
        reason: 'Started by @bob: only the user who started a job can open its terminal',
      },
    });
    // The finished lint job is not running, so it is not listed at all.
    expect(list.jobs.some((j) => j.name === 'lint')).toBe(false);
  });

  it('explains a missing terminal: protected ref, no session server, archived project', async () => {
    h = await startHarness();
    const [api, , , , monolith] = h.gl.info.projects;
    if (api === undefined || monolith === undefined) throw new Error('seed changed');
    h.gl.createJob({ user: 'alice', project: api.id, name: 'on-main', ref: 'main' });
    h.gl.createJob({ user: 'alice', project: api.id, name: 'no-session', runner_session: false });
    h.gl.createJob({ user: 'alice', project: monolith.id, name: 'archived' });
    await h.drive(1000);
    expect(reasonOf(job('on-main'))).toMatch(/^The ref main is protected/);
    expect(reasonOf(job('no-session'))).toMatch(/no \[session_server\]/);
    expect(reasonOf(job('archived'))).toMatch(/archived/);
  });

  it('asks the web job JSON once per running job, not on every poll', async () => {
    h = await startHarness();
    await h.drive(1000);
    const rspec = job('rspec');
    expect(webJobRequests(h.http.sent, rspec.id)).toBe(1);
    await h.drive(4 * 60_000);
    // Polled about 20 times meanwhile; the answer is reused until its TTL (5 min) runs out.
    expect(webJobRequests(h.http.sent, rspec.id)).toBe(1);
    expect(webJobRequests(h.http.sent, job('build:gpu').id)).toBe(0);
    expect(webJobRequests(h.http.sent, job('rubocop').id)).toBe(0);
  });

  it('shows a job created later without a reload, and drops a job once it finished', async () => {
    h = await startHarness();
    await h.drive(1000);
    const created = h.gl.createJob({ user: 'alice', name: 'late-comer' });
    await h.drive(20_000);
    expect(job('late-comer')).toMatchObject({
      id: created.id,
      status: 'running',
      terminal: { available: true },
    });
    const rspecId = job('rspec').id;
    h.gl.endScript(rspecId);
    await waitUntil(() => h.gl.jobsAdmin().find((j) => j.id === rspecId)?.status === 'success');
    await h.drive(20_000);
    expect(h.aliceJobs().jobs.some((j) => j.id === rspecId)).toBe(false);
  });
});

/** Polls a condition on the double (which runs on real time) until it holds. */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
