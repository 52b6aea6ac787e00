import { describe, expect, it } from 'vitest';
import { createHoldFeature } from '../../../../../src/main/core/hold/hold-tracker';
import { DEFAULT_SETTINGS } from '../../../../../src/main/core/settings/settings-rules';
import type { TraceUpdate } from '../../../../../src/main/core/job-log/trace-follower';
import type { AppNotification, Settings } from '../../../../../src/shared/models';
import { captureLogger } from '../../../support/capture-logger';
import { FakeClock } from '../../../support/fake-clock';

const HOLD = '\x1b[32;1mTerminal is connected, will time out in 30m0s...\x1b[0;m\n';

function setup(settings: Partial<Settings> = {}) {
  const clock = new FakeClock();
  const notifications: AppNotification[] = [];
  const feature = createHoldFeature({
    clock,
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
    logger: captureLogger(),
  });
  feature.onNotification((n) => notifications.push(n));
  let traceListener: (update: TraceUpdate) => void = () => undefined;
  let log = '';
  const subject = {
    sessionId: 's1',
    accountId: 'a',
    jobId: 5001,
    jobName: 'rspec',
    projectPath: 'acme/platform/api',
    lastInput: null as number | null,
    isConnected: true,
    released: 0,
    onTrace: (listener: (update: TraceUpdate) => void) => {
      traceListener = listener;
      return () => undefined;
    },
    lastInputAt: () => subject.lastInput,
    connected: () => subject.isConnected,
    release: () => {
      subject.released += 1;
    },
  };
  const hold = feature.tracker(subject);
  const append = (text: string): void => {
    log += text;
    traceListener({ log, appended: text, reset: false });
  };
  return { clock, notifications, subject, hold, append };
}

describe('hold tracker', () => {
  it('sees no hold in an ordinary log', () => {
    const { hold, append, notifications } = setup();
    append('Running with gitlab-runner 18.4.0\n$ make test\nok\n');
    expect(hold.current()).toBeNull();
    expect(notifications).toEqual([]);
  });

  it('starts a hold at the line, with the deadline from when it was first seen', () => {
    const { hold, append, clock } = setup();
    append('$ make test\n');
    append(HOLD);
    expect(hold.current()).toMatchObject({
      deadline: clock.now() + 30 * 60_000,
      timeoutS: 1800,
      kept: false,
    });
  });

  it('takes the deadline from the runner timestamp prefix when present, split across polls', () => {
    const { hold, append } = setup();
    append('2026-11-22T11:59:00.123456Z 00O \x1b[32;1mTerminal is connected, will ');
    expect(hold.current()).toBeNull();
    append('time out in 1h0m0s...\x1b[0;m\n');
    expect(hold.current()?.deadline).toBe(Date.parse('2026-11-22T11:59:00.123456Z') + 3600_000);
  });

  it('is not this terminal’s hold while it is not connected', () => {
    const { hold, append, subject } = setup();
    subject.isConnected = false;
    append(HOLD);
    expect(hold.current()).toBeNull();
  });

  it('alerts once the user has been idle for the threshold, then reminds at 5 and 1 minute left', () => {
    const { hold, append, clock, subject, notifications } = setup({ idleThresholdS: 60 });
    subject.lastInput = clock.now();
    append(HOLD);
    expect(hold.current()?.idle).toBe(false);
    clock.advance(59_000);
    expect(notifications).toEqual([]);
    clock.advance(1_000);
    expect(hold.current()?.idle).toBe(true);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      kind: 'held-idle',
      sessionId: 's1',
      actions: ['release', 'keep', 'focus'],
    });
    expect(notifications[0]?.body).toContain(
      'rspec finished its script. Your idle terminal is keeping the job running: 29:00 left.',
    );
    clock.advance(24 * 60_000);
    expect(notifications.map((n) => n.kind)).toEqual(['held-idle', 'hold-reminder']);
    expect(notifications[1]?.title).toBe('5:00 left: rspec is still held open');
    clock.advance(4 * 60_000);
    expect(notifications.map((n) => n.kind)).toEqual([
      'held-idle',
      'hold-reminder',
      'hold-reminder',
    ]);
    expect(notifications[2]?.title).toBe('1:00 left: rspec is still held open');
  });

  it('stops reminding after Keep', () => {
    const { hold, append, clock, notifications } = setup();
    append(HOLD);
    expect(notifications).toHaveLength(1);
    hold.keep();
    expect(hold.current()?.kept).toBe(true);
    clock.advance(30 * 60_000);
    expect(notifications).toHaveLength(1);
  });

  it('ends the hold when the runner logs the disconnect or the timeout', () => {
    const a = setup();
    a.append(HOLD);
    a.append('Terminal disconnected\n');
    expect(a.hold.current()).toBeNull();
    const b = setup();
    b.append(HOLD);
    b.append('terminal session timed out (maximum time allowed - 30m0s)\n');
    expect(b.hold.current()).toBeNull();
  });

  it('releases automatically after N idle minutes only when the user opted in', () => {
    const off = setup();
    off.append(HOLD);
    off.clock.advance(29 * 60_000);
    expect(off.subject.released).toBe(0);
    const on = setup({ autoReleaseMinutes: 10 });
    on.append(HOLD);
    on.clock.advance(10 * 60_000 - 1);
    expect(on.subject.released).toBe(0);
    on.clock.advance(1);
    expect(on.subject.released).toBe(1);
  });

  it('tells passed or failed when the artifact upload line says so', () => {
    const { hold, append } = setup();
    append('Uploading artifacts for failed job\n');
    append(HOLD);
    expect(hold.current()?.scriptResult).toBe('failed');
  });

  it('emits a change only when what it shows changes', () => {
    const { hold, append, clock, subject } = setup();
    subject.lastInput = clock.now();
    let changes = 0;
    hold.onChange(() => (changes += 1));
    append(HOLD);
    expect(changes).toBe(1);
    append('more output\n');
    expect(changes).toBe(1);
    clock.advance(60_000);
    expect(changes).toBe(2);
  });
});
