import { describe, expect, it } from 'vitest';
import { createHistoryRecorder } from '../../../../../src/main/core/history/history-recorder';
import { createHistoryStore } from '../../../../../src/main/core/history/history-store';
import { historyOutcomeOf } from '../../../../../src/main/core/history/outcome';
import type { HoldSubject } from '../../../../../src/main/core/hold/hold-seam';
import type { CloseCode, SessionState } from '../../../../../src/shared/models';
import { captureLogger } from '../../../support/capture-logger';
import { FakeClock } from '../../../support/fake-clock';
import { sessionView } from './history-fixtures';

function setup() {
  const clock = new FakeClock();
  const store = createHistoryStore(null, clock, captureLogger());
  const recorder = createHistoryRecorder({
    clock,
    logger: captureLogger(),
    store,
    source: 'app',
    runId: 'run',
    facts: () => ({
      accountId: 'a1',
      account: '@alice on gitlab.test',
      instance: 'https://gitlab.test',
      pipelineId: 55,
    }),
    closedSentence: 'You closed the tab.',
  });
  const records = async () => {
    await recorder.finish();
    return store.list().records;
  };
  return { clock, store, recorder, records };
}

const open = (since = 0): SessionState => ({ kind: 'open', since });
const closed = (code: CloseCode, message = `ended: ${code}`): SessionState => ({
  kind: 'closed',
  reason: { code, message },
});
const held = (deadline: number, timeoutS = 600): SessionState => ({
  kind: 'held',
  since: deadline - timeoutS * 1000,
  hold: { deadline, timeoutS, idle: true, kept: false, scriptResult: 'passed' },
});

describe('history recorder', () => {
  it('records a refused session with the reason GitLab gave', async () => {
    const { recorder, records } = setup();
    recorder.sessions([
      sessionView(
        { kind: 'connecting', attempt: 1, since: 0, waitingForRunner: false },
        { connections: 0 },
      ),
    ]);
    recorder.sessions([
      sessionView(closed('not-allowed', 'This is not your job'), { connections: 0 }),
    ]);
    const [r] = await records();
    expect(r).toMatchObject({
      outcome: 'refused',
      reason: 'This is not your job',
      reconnects: 0,
      heldSeconds: 0,
      releasedBy: null,
      account: '@alice on gitlab.test',
      pipelineId: 55,
      jobId: 501,
    });
  });

  it('counts held seconds and whether Jobshell released it, by you or by auto-release', async () => {
    const { clock, recorder, records } = setup();
    const t0 = clock.now();
    recorder.sessions([sessionView(open())]);
    clock.advance(60_000);
    recorder.sessions([sessionView(held(clock.now() + 600_000))]);
    clock.advance(90_000);
    recorder.sessions([sessionView(closed('released'))]);
    const [r] = await records();
    expect(r).toMatchObject({ outcome: 'released', releasedBy: 'you', heldSeconds: 90 });
    expect(r?.startedAt).toBe(t0);
    expect(r?.endedAt).toBe(t0 + 150_000);
  });

  it('tells an auto-release (through the hold tracker) from the user releasing', async () => {
    const { clock, recorder, records } = setup();
    let subject: HoldSubject | null = null;
    const wrapped = recorder.wrapHoldTracker((s) => {
      subject = s;
      return {
        current: () => null,
        keep: () => undefined,
        sessionChanged: () => undefined,
        onChange: () => () => undefined,
        dispose: () => undefined,
      };
    });
    let releasedFromSession = 0;
    wrapped({
      sessionId: 't1-501',
      accountId: 'a1',
      jobId: 501,
      jobName: 'rspec',
      projectPath: 'acme/api',
      onTrace: () => () => undefined,
      lastInputAt: () => null,
      connected: () => true,
      release: () => {
        releasedFromSession += 1;
      },
    });
    recorder.sessions([sessionView(held(clock.now() + 600_000))]);
    clock.advance(30_000);
    (subject as HoldSubject | null)?.release();
    recorder.sessions([sessionView(closed('released'))]);
    const [r] = await records();
    expect(releasedFromSession).toBe(1);
    expect(r).toMatchObject({ outcome: 'released', releasedBy: 'auto', heldSeconds: 30 });
  });

  it('a hold that timed out counts the whole hold, not the time the drop took to explain', async () => {
    const { clock, recorder, records } = setup();
    // Seen late (no log timestamps): the hold seems to begin 30 s after it did.
    const deadline = clock.now() + 630_000;
    recorder.sessions([sessionView(held(deadline))]);
    clock.advance(605_000);
    recorder.sessions([sessionView(closed('hold-timed-out'))]);
    const [r] = await records();
    expect(r).toMatchObject({ outcome: 'hold-timed-out', heldSeconds: 600, releasedBy: null });
  });

  it('closing a held tab is "you closed it", and Jobshell released the job', async () => {
    const { clock, recorder, records } = setup();
    recorder.sessions([sessionView(held(clock.now() + 600_000))]);
    clock.advance(10_000);
    recorder.closing(sessionView(held(clock.now() + 590_000)));
    recorder.sessions([]);
    const rs = await records();
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ outcome: 'closed', releasedBy: 'you', heldSeconds: 10 });
  });

  it('counts automatic reconnects, and a manual Reconnect after the end starts a new record', async () => {
    const { clock, recorder, records } = setup();
    recorder.sessions([sessionView(open(), { connections: 1 })]);
    recorder.sessions([
      sessionView(
        {
          kind: 'reconnecting',
          attempt: 1,
          at: 0,
          lastReason: { code: 'connection-lost', message: 'x' },
        },
        { connections: 1 },
      ),
    ]);
    recorder.sessions([sessionView(open(), { connections: 2 })]);
    recorder.sessions([sessionView(closed('job-canceled'), { connections: 2 })]);
    // Later lists still show the ended tab: no second record for the same end.
    recorder.sessions([sessionView(closed('job-canceled'), { connections: 2 })]);
    clock.advance(1000);
    recorder.sessions([sessionView(open(), { connections: 3 })]);
    recorder.sessions([sessionView(closed('connection-lost'), { connections: 3 })]);
    const rs = await records();
    expect(rs.map((r) => [r.outcome, r.reconnects])).toEqual([
      ['network', 0],
      ['job-canceled', 1],
    ]);
  });

  it('records the sessions still open when Jobshell quits', async () => {
    const { recorder, records } = setup();
    recorder.sessions([sessionView(open())]);
    const [r] = await records();
    expect(r).toMatchObject({
      outcome: 'closed',
      reason: 'Jobshell quit: the terminal was closed.',
    });
  });
});

describe('history outcome of every close code', () => {
  it.each<[CloseCode, string]>([
    ['closed-by-user', 'closed'],
    ['released', 'released'],
    ['hold-timed-out', 'hold-timed-out'],
    ['job-canceled', 'job-canceled'],
    ['job-finished', 'job-finished'],
    ['shell-exited', 'shell-exited'],
    ['already-attached', 'refused'],
    ['runner-unavailable', 'refused'],
    ['tls-error', 'network'],
    ['sign-in-required', 'signed-out'],
  ])('%s → %s', (code, outcome) => {
    expect(historyOutcomeOf(code)).toBe(outcome);
  });
});
