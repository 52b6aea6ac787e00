import { describe, expect, it } from 'vitest';
import { GitlabError } from '../../../../../src/main/core/gitlab/gitlab-error';
import {
  TraceFollower,
  type TraceUpdate,
} from '../../../../../src/main/core/job-log/trace-follower';
import type { JobStatus } from '../../../../../src/shared/models';
import { captureLogger } from '../../../support/capture-logger';
import { FakeClock } from '../../../support/fake-clock';

const POLL_MS = 1000;

/** A job log that the test grows by hand; every fetch is counted. */
class ScriptedLog {
  log = '';
  status: JobStatus = 'running';
  fetches = 0;
  statusChecks = 0;
  failNext: Error | null = null;
  readonly source = {
    trace: (): Promise<string> => {
      this.fetches += 1;
      const failure = this.failNext;
      this.failNext = null;
      return failure === null ? Promise.resolve(this.log) : Promise.reject(failure);
    },
    status: (): Promise<JobStatus> => {
      this.statusChecks += 1;
      return Promise.resolve(this.status);
    },
  };
}

function setup(): {
  clock: FakeClock;
  job: ScriptedLog;
  follower: TraceFollower;
  followed: TraceUpdate[];
} {
  const clock = new FakeClock();
  const job = new ScriptedLog();
  const followed: TraceUpdate[] = [];
  const follower = new TraceFollower(clock, job.source, POLL_MS, captureLogger(), (u) =>
    followed.push(u),
  );
  return { clock, job, follower, followed };
}

describe('TraceFollower', () => {
  it('polls only while followed, passing on only the appended part, or a reset when the log changed', async () => {
    const { clock, job, follower, followed } = setup();
    job.log = 'line 1\n';
    await clock.advanceAsync(5 * POLL_MS);
    expect(job.fetches).toBe(0);
    follower.setFollowed(true);
    await clock.advanceAsync(POLL_MS);
    expect(followed).toEqual([{ log: 'line 1\n', appended: 'line 1\n', reset: true }]);
    job.log += 'line 2\n';
    await clock.advanceAsync(POLL_MS);
    expect(followed.at(-1)).toEqual({
      log: 'line 1\nline 2\n',
      appended: 'line 2\n',
      reset: false,
    });
    await clock.advanceAsync(POLL_MS);
    expect(followed).toHaveLength(2);
    job.log = 'rewritten\n';
    await clock.advanceAsync(POLL_MS);
    expect(followed.at(-1)).toEqual({ log: 'rewritten\n', appended: 'rewritten\n', reset: true });
    follower.setFollowed(false);
    const fetches = job.fetches;
    await clock.advanceAsync(5 * POLL_MS);
    expect(job.fetches).toBe(fetches);
  });

  it('polls for subscribers only while the session is open', async () => {
    const { clock, job, follower } = setup();
    const seen: TraceUpdate[] = [];
    follower.subscribe((u) => seen.push(u));
    await clock.advanceAsync(3 * POLL_MS);
    expect(job.fetches).toBe(0);
    follower.setSessionOpen(true);
    job.log = 'x';
    await clock.advanceAsync(POLL_MS);
    expect(seen).toHaveLength(1);
    follower.setSessionOpen(false);
    const fetches = job.fetches;
    await clock.advanceAsync(3 * POLL_MS);
    expect(job.fetches).toBe(fetches);
  });

  it('stops once the job has finished', async () => {
    const { clock, job, follower } = setup();
    follower.setFollowed(true);
    job.status = 'success';
    await clock.advanceAsync(10 * POLL_MS);
    expect(job.statusChecks).toBe(1);
    const fetches = job.fetches;
    await clock.advanceAsync(10 * POLL_MS);
    expect(job.fetches).toBe(fetches);
  });

  it('waits out Retry-After after a 429', async () => {
    const { clock, job, follower } = setup();
    follower.setFollowed(true);
    job.failNext = new GitlabError(
      { kind: 'rate-limited', retryAfterMs: 30_000 },
      'rate limited',
      429,
    );
    await clock.advanceAsync(POLL_MS);
    expect(job.fetches).toBe(1);
    await clock.advanceAsync(29_000);
    expect(job.fetches).toBe(1);
    await clock.advanceAsync(1000);
    expect(job.fetches).toBe(2);
  });

  it('serialises fetches, so an older answer never overwrites a newer one', async () => {
    const clock = new FakeClock();
    const pending: ((text: string) => void)[] = [];
    const source = {
      trace: () =>
        new Promise<string>((resolve) => {
          pending.push(resolve);
        }),
      status: () => Promise.resolve<JobStatus>('running'),
    };
    const follower = new TraceFollower(clock, source, POLL_MS, captureLogger(), () => undefined);
    const first = follower.refresh();
    const second = follower.refresh();
    await Promise.resolve();
    expect(pending).toHaveLength(1);
    pending[0]?.('a');
    expect(await first).toBe('a');
    await Promise.resolve();
    expect(pending).toHaveLength(2);
    pending[1]?.('ab');
    expect(await second).toBe('ab');
    expect(follower.log).toBe('ab');
  });
});
