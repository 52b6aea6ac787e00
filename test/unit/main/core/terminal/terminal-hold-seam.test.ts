/**
 * The seam the hold feature plugs into: a HoldTracker sees the job log and the session, and the
 * service shows its verdict as the 'held' state and routes Keep/Release/focus. The tracker here is
 * a minimal stand-in (held as soon as the runner logs the hold), not the real hold feature; like
 * the real one, it hands its notifications to the service as one stream for all sessions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { jobPassed } from '../../../../gitlab-double';
import type { HoldTracker, SessionHold } from '../../../../../src/main/core/hold/hold-seam';
import { lastTerminalLogEvent } from '../../../../../src/main/core/job-log/trace-lines';
import type { AppNotification, HoldInfo } from '../../../../../src/shared/models';
import { startHarness, type Harness } from './harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** The stand-in's notification stream, shared by all its sessions (the `holdNotifications` option). */
function notificationStream(): {
  readonly emit: (notification: AppNotification) => void;
  readonly subscribe: (listener: (notification: AppNotification) => void) => () => void;
} {
  const listeners = new Set<(n: AppNotification) => void>();
  return {
    emit: (notification) => {
      for (const listener of listeners) listener(notification);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Held as soon as the runner logs the hold; notifies once per session through `notify`. */
function holdAsSoonAsLogged(notify: (n: AppNotification) => void): HoldTracker {
  return (subject) => {
    let info: HoldInfo | null = null;
    const changed = new Set<() => void>();
    const emitChange = (): void => {
      for (const listener of changed) listener();
    };
    const stop = subject.onTrace((update) => {
      const event = lastTerminalLogEvent(update.log);
      if (event?.kind !== 'hold-started' || info !== null || !subject.connected()) return;
      info = {
        deadline: Date.now() + event.timeoutS * 1000,
        timeoutS: event.timeoutS,
        idle: true,
        kept: false,
        scriptResult: 'passed',
      };
      emitChange();
      notify({
        id: `held-${subject.sessionId}`,
        kind: 'held-idle',
        title: `${subject.jobName} is held open`,
        body: 'Release it?',
        sessionId: subject.sessionId,
        actions: ['release', 'keep', 'focus'],
      });
    });
    const hold: SessionHold = {
      current: () => info,
      keep: () => {
        if (info !== null) info = { ...info, kept: true };
        emitChange();
      },
      sessionChanged: () => {
        if (!subject.connected()) info = null;
      },
      onChange: (listener) => {
        changed.add(listener);
        return () => changed.delete(listener);
      },
      dispose: stop,
    };
    return hold;
  };
}

/** The service with the stand-in tracker and its stream, polling the job log quickly. */
async function startWithStandIn(): Promise<Harness> {
  const stream = notificationStream();
  h = await startHarness({
    service: {
      holdTracker: holdAsSoonAsLogged(stream.emit),
      holdNotifications: stream.subscribe,
      tuning: { tracePollMs: 50 },
    },
  });
  return h;
}

describe('hold seam', () => {
  it('shows the tracker’s hold as the held state and routes keep, focus and release', async () => {
    const harness = await startWithStandIn();
    const notifications: AppNotification[] = [];
    harness.service.onNotification((n) => notifications.push(n));
    const job = harness.gl.createJob({ user: 'alice' });
    const id = await harness.openJob(job.id);
    await harness.renderer.waitForState(id, 'open');
    harness.gl.endScript(job.id);

    const held = await harness.renderer.waitForState(id, 'held');
    expect(held.hold).toMatchObject({ timeoutS: 1800, idle: true, kept: false });
    expect(held.since).toBe(held.hold.deadline - 1800 * 1000);
    const notification = notifications.find((n) => n.sessionId === id);
    expect(notification?.kind).toBe('held-idle');

    harness.service.notificationAction(notification?.id ?? '', 'focus');
    expect(harness.renderer.focused.at(-1)).toBe(id);
    harness.service.notificationAction(notification?.id ?? '', 'keep');
    await harness.renderer.waitForState(id, 'held', (s) => s.hold.kept);
    expect(harness.service.releaseAllIdle()).toBe(0);

    const finished = jobPassed(harness.gl, job.id);
    harness.service.notificationAction(notification?.id ?? '', 'release');
    const closed = await harness.renderer.waitForState(id, 'closed');
    expect(closed.reason.code).toBe('released');
    await finished;
  });

  it('releases every idle held job at once', async () => {
    const harness = await startWithStandIn();
    const jobs = [
      harness.gl.createJob({ user: 'alice' }),
      harness.gl.createJob({ user: 'alice', mode: 'kubernetes' }),
    ];
    const ids = await Promise.all(jobs.map((job) => harness.openJob(job.id)));
    for (const id of ids) await harness.renderer.waitForState(id, 'open');
    for (const job of jobs) harness.gl.endScript(job.id);
    for (const id of ids) await harness.renderer.waitForState(id, 'held');
    expect(harness.service.releaseAllIdle()).toBe(2);
    for (const id of ids) {
      expect((await harness.renderer.waitForState(id, 'closed')).reason.code).toBe('released');
    }
  });
});

describe('hold notifications from a feature-wide stream', () => {
  it('routes actions of notifications the service did not get per session', async () => {
    const listeners = new Set<(n: AppNotification) => void>();
    let releaseFromPolicy: (() => void) | null = null;
    const quietTracker: HoldTracker = (subject) => {
      releaseFromPolicy = () => {
        subject.release();
      };
      return {
        current: () => null,
        keep: () => undefined,
        sessionChanged: () => undefined,
        onChange: () => () => undefined,
        dispose: () => undefined,
      };
    };
    h = await startHarness({
      service: {
        holdTracker: quietTracker,
        holdNotifications: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
    });
    const harness = h;
    const received: AppNotification[] = [];
    harness.service.onNotification((n) => received.push(n));
    const job = harness.gl.createJob({ user: 'alice' });
    const id = await harness.openJob(job.id);
    await harness.renderer.waitForState(id, 'open');
    const notification: AppNotification = {
      id: 'n-1',
      kind: 'hold-reminder',
      title: 't',
      body: 'b',
      sessionId: id,
      actions: ['focus'],
    };
    for (const listener of listeners) listener(notification);
    expect(received).toEqual([notification]);
    harness.service.notificationAction('n-1', 'focus');
    expect(harness.renderer.focused.at(-1)).toBe(id);
    // The subject's release is what an auto-release policy calls.
    expect(releaseFromPolicy).not.toBeNull();
    (releaseFromPolicy as unknown as () => void)();
    expect((await harness.renderer.waitForState(id, 'closed')).reason.code).toBe('released');
  });
});
