import { describe, expect, it } from 'vitest';
import { formatRemaining } from '../../../../../src/main/core/hold/hold-text';
import { deriveTray as deriveFromModel } from '../../../../../src/main/core/hold/tray-model';
import { jobTerminalView } from '../../../../../src/shared/job-terminal';
import type { SessionState, SessionView } from '../../../../../src/shared/models';

const NOW = 1_000_000;
/** The tray is a view of the job terminal model; these tests describe it through sessions. */
const deriveTray = (sessions: readonly SessionView[], now: number) =>
  deriveFromModel(
    sessions.map((s) => jobTerminalView(s, null)),
    now,
  );
const session = (id: string, state: SessionState): SessionView => ({
  id,
  accountId: 'a',
  jobId: Number(id),
  projectId: 1,
  projectPath: 'acme/api',
  jobName: `job${id}`,
  webUrl: 'https://gitlab.example/acme/api/-/jobs/1',
  state,
  lastInputAt: null,
  lastOutputAt: null,
  connections: 1,
  droppedBytes: 0,
});
const held = (idle: boolean): SessionState => ({
  kind: 'held',
  since: NOW,
  hold: {
    deadline: NOW + 24 * 60_000 + 31_000,
    timeoutS: 1800,
    idle,
    kept: false,
    scriptResult: null,
  },
});

describe('tray model', () => {
  it('is idle with no sessions, and offers nothing to release', () => {
    const model = deriveTray([], NOW);
    expect(model.icon).toBe('idle');
    expect(model.tooltip).toBe('Jobshell: no terminals open');
    expect(model.items.map((i) => i.kind)).toEqual([
      'release-all-idle',
      'separator',
      'show',
      'quit',
    ]);
    expect(model.items[0]).toMatchObject({ enabled: false });
  });

  it('is active with open terminals and lists them; closed ones do not count', () => {
    const model = deriveTray(
      [
        session('1', { kind: 'open', since: NOW }),
        session('2', { kind: 'closed', reason: { code: 'released', message: '' } }),
      ],
      NOW,
    );
    expect(model.icon).toBe('active');
    expect(model.tooltip).toBe('Jobshell: 1 terminal open');
    expect(model.items[0]).toEqual({ kind: 'session', sessionId: '1', label: 'job1 #1 — open' });
  });

  it('asks for attention when a job is held, with countdowns and Release all idle', () => {
    const model = deriveTray(
      [
        session('1', held(true)),
        session('2', held(false)),
        session('3', { kind: 'open', since: NOW }),
      ],
      NOW,
    );
    expect(model.icon).toBe('attention');
    expect(model.tooltip).toBe('Jobshell: 3 terminals open, 2 jobs held open');
    expect(model.items[0]).toMatchObject({ label: 'job1 #1 — held open, 24:31 left (idle)' });
    expect(model.items[1]).toMatchObject({ label: 'job2 #2 — held open, 24:31 left' });
    expect(model.items.find((i) => i.kind === 'release-all-idle')).toEqual({
      kind: 'release-all-idle',
      label: 'Release all idle held jobs (1)',
      enabled: true,
    });
  });

  it('lists a terminal whose connection dropped as still there, checking why', () => {
    const model = deriveTray([session('1', { kind: 'checking', since: NOW })], NOW);
    expect(model.icon).toBe('active');
    expect(model.tooltip).toBe('Jobshell: 1 terminal open');
    expect(model.items[0]).toEqual({
      kind: 'session',
      sessionId: '1',
      label: 'job1 #1 — checking why it dropped',
    });
  });

  it('formats remaining time', () => {
    expect(formatRemaining(24 * 60_000 + 31_000)).toBe('24:31');
    expect(formatRemaining(3_600_000)).toBe('1:00:00');
    expect(formatRemaining(500)).toBe('0:01');
    expect(formatRemaining(-5)).toBe('0:00');
  });
});
