import { describe, expect, it } from 'vitest';
import { createJobTerminalModel } from '../../../../../src/main/core/hold/job-terminals';
import type { JobTerminalsSnapshot } from '../../../../../src/shared/job-terminal';
import type {
  AppNotification,
  CloseCode,
  SessionState,
  SessionView,
} from '../../../../../src/shared/models';

const NOW = 1_700_000_000_000;
const HELD: SessionState = {
  kind: 'held',
  since: NOW,
  hold: {
    deadline: NOW + 1_800_000,
    timeoutS: 1800,
    idle: true,
    kept: false,
    scriptResult: 'passed',
  },
};
const closed = (code: CloseCode): SessionState => ({
  kind: 'closed',
  reason: { code, message: `ended: ${code}` },
});

function session(id: string, state: SessionState, jobId = Number(id.slice(1))): SessionView {
  return {
    id,
    accountId: 'acc',
    jobId,
    projectId: 1,
    projectPath: 'acme/api',
    jobName: `job ${id}`,
    webUrl: `https://gitlab.example/acme/api/-/jobs/${jobId}`,
    state,
    lastInputAt: null,
    lastOutputAt: null,
    connections: 1,
    droppedBytes: 0,
  };
}

function alertFor(sessionId: string, kind: AppNotification['kind'] = 'held-idle', left = '30:00') {
  return {
    id: `${kind}:${sessionId}:${left}`,
    kind,
    title: 't',
    body: 'b',
    sessionId,
    actions: ['release', 'keep', 'focus'],
  } satisfies AppNotification;
}

function setup() {
  const closedIds: string[] = [];
  const model = createJobTerminalModel({ close: (id) => closedIds.push(id) });
  const snapshots: JobTerminalsSnapshot[] = [];
  model.onChange((s) => snapshots.push(s));
  return { model, closedIds, snapshots };
}

describe('job terminal model', () => {
  it('publishes one versioned view per job, in the model’s own states', () => {
    const { model, snapshots } = setup();
    model.update([session('t1', { kind: 'open', since: NOW })]);
    model.update([session('t1', HELD)]);
    model.update([session('t1', closed('released'))]);
    expect(snapshots.map((s) => s.version)).toEqual([1, 2, 3]);
    expect(snapshots.map((s) => s.jobs[0]?.state.kind)).toEqual(['open', 'held', 'ended']);
    expect(snapshots[1]?.jobs[0]).toMatchObject({
      key: 'acc/1',
      sessionId: 't1',
      state: { kind: 'held', deadline: NOW + 1_800_000, idle: true, scriptResult: 'passed' },
    });
    expect(snapshots[2]?.jobs[0]?.state).toMatchObject({ kind: 'ended', end: 'released' });
    expect(model.snapshot()).toBe(snapshots[2]);
    // Output alone (lastOutputAt) changes no job's terminal: no new version.
    model.update([{ ...session('t1', closed('released')), lastOutputAt: NOW + 5 }]);
    expect(snapshots).toHaveLength(3);
  });

  it.each([
    ['released', 'Nothing to do: the job was already released.'],
    ['job-canceled', 'Nothing to do: the job was canceled.'],
    ['hold-timed-out', 'Nothing to do: the runner’s session timeout already ended the hold.'],
    ['job-finished', 'Nothing to do: the job has already finished.'],
    ['account-removed', 'Nothing to do: the account was removed.'],
  ] as const)('withdraws the alert when the hold ends: %s', (code, why) => {
    const { model, closedIds, snapshots } = setup();
    model.update([session('t1', HELD)]);
    const alert = alertFor('t1');
    expect(model.alert(alert)).toBe(true);
    expect(model.snapshot().jobs[0]?.alert).toEqual({ id: alert.id, kind: 'held-idle' });
    expect(model.refuse(alert.id, 'release')).toBeNull();
    model.update([session('t1', closed(code))]);
    expect(closedIds).toEqual([alert.id]);
    expect(snapshots.at(-1)?.jobs[0]?.alert).toBeNull();
    expect(model.refuse(alert.id, 'release')).toEqual({ applied: false, message: why });
    expect(model.refuse(alert.id, 'keep')).toEqual({ applied: false, message: why });
  });

  it('withdraws the alert when its tab is closed, and says so to a late action', () => {
    const { model, closedIds } = setup();
    model.update([session('t1', HELD)]);
    model.alert(alertFor('t1'));
    model.update([]);
    expect(closedIds).toEqual([alertFor('t1').id]);
    expect(model.refuse(alertFor('t1').id, 'release')?.message).toMatch(/tab was closed/);
  });

  it('replaces an alert by its reminder: one notification per hold', () => {
    const { model, closedIds } = setup();
    model.update([session('t1', HELD)]);
    model.alert(alertFor('t1'));
    model.alert(alertFor('t1', 'hold-reminder', '5:00'));
    expect(closedIds).toEqual([alertFor('t1').id]);
    expect(model.snapshot().jobs[0]?.alert?.kind).toBe('hold-reminder');
    // The hold still lasts: Release on the older notification still works.
    expect(model.refuse(alertFor('t1').id, 'release')).toBeNull();
  });

  it('keeps an alert that outran the session list, and drops one whose hold already ended', () => {
    const { model, closedIds } = setup();
    model.update([session('t1', { kind: 'open', since: NOW })]);
    expect(model.alert(alertFor('t1'))).toBe(true);
    model.update([session('t1', HELD)]);
    expect(closedIds).toEqual([]);
    // Once seen held, "open" again means the hold ended (the log said so before the socket closed).
    model.update([session('t1', { kind: 'open', since: NOW })]);
    expect(closedIds).toEqual([alertFor('t1').id]);
    model.update([session('t2', closed('hold-timed-out'))]);
    expect(model.alert(alertFor('t2'))).toBe(false);
  });

  it('ties a burst summary to the held jobs and withdraws it when none is held any more', () => {
    const { model, closedIds } = setup();
    model.update([session('t1', HELD), session('t2', HELD)]);
    const summary: AppNotification = {
      id: 'summary:1',
      kind: 'summary',
      title: '2 jobs need your attention',
      body: '',
      sessionId: null,
      actions: ['focus'],
    };
    model.alert(summary);
    expect(model.snapshot().jobs.map((j) => j.alert?.id)).toEqual(['summary:1', 'summary:1']);
    model.update([session('t1', closed('released')), session('t2', HELD)]);
    expect(closedIds).toEqual([]);
    model.update([session('t1', closed('released')), session('t2', closed('job-canceled'))]);
    expect(closedIds).toEqual(['summary:1']);
  });

  it('lets other notifications and Show through untouched', () => {
    const { model } = setup();
    const account: AppNotification = { ...alertFor('t9'), kind: 'account', sessionId: null };
    expect(model.alert(account)).toBe(true);
    expect(model.refuse('anything', 'focus')).toBeNull();
  });

  it('shows a live terminal over an ended one of the same job', () => {
    const { model } = setup();
    model.update([session('t1', closed('connection-lost'), 7), session('t2', HELD, 7)]);
    expect(model.snapshot().jobs).toHaveLength(1);
    expect(model.snapshot().jobs[0]?.sessionId).toBe('t2');
  });
});
