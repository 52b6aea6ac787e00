/**
 * Quality F13: sleep/resume and clock jumps. The platform tells the core "resumed" (Electron:
 * powerMonitor 'resume'); each terminal then checks once (a ping on an open socket, a job check
 * for a reconnect that waited on a pre-sleep timer), and nothing is concluded from the jump.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../../../src/main/core/ports';
import type { SocketFactory } from '../../../../../src/main/core/terminal/socket';
import { createWsSocket } from '../../../../../src/main/node/ws-socket';
import type { AppNotification } from '../../../../../src/shared/models';
import { waitForEvent } from '../../../../gitlab-double';
import { FAST_TUNING, startWithShell, type Harness } from './harness';

/** Wall-clock time that can jump forward, as after a laptop slept; timers stay real. */
class JumpingClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  setTimeout: Clock['setTimeout'] = (callback, ms) => systemClock.setTimeout(callback, ms);
  clearTimeout: Clock['clearTimeout'] = (handle) => {
    systemClock.clearTimeout(handle);
  };
}

const HOUR_MS = 3_600_000;

/** Wraps the real socket factory and reports pings sent and answers (pongs) received. */
function recordingSockets(): {
  factory: SocketFactory;
  pings: () => number;
  nextAlive: () => Promise<void>;
} {
  let pings = 0;
  const waiting: (() => void)[] = [];
  const factory: SocketFactory = (request, onEvent) => {
    const socket = createWsSocket(request, (event) => {
      if (event.kind === 'alive') for (const wake of waiting.splice(0)) wake();
      onEvent(event);
    });
    return {
      ...socket,
      ping: () => {
        pings += 1;
        socket.ping();
      },
    };
  };
  return {
    factory,
    pings: () => pings,
    nextAlive: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

describe('resume after sleep (F13)', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('an open terminal gets one ping and stays open: no drop, no reason, no notification', async () => {
    const clock = new JumpingClock();
    const sockets = recordingSockets();
    const started = await startWithShell({
      clock,
      // The production heartbeat: only the explicit resume check may ping within this test.
      service: { createSocket: sockets.factory },
    });
    harness = started.harness;
    const notifications: AppNotification[] = [];
    harness.service.onNotification((n) => notifications.push(n));
    const before = sockets.pings();
    const answered = sockets.nextAlive();
    clock.offset += HOUR_MS;
    harness.service.resumed();
    expect(sockets.pings()).toBe(before + 1);
    await answered;
    harness.service.input(started.id, 'echo awake-$((5+5))\r');
    await harness.renderer.waitForText(started.id, 'awake-10');
    const states = harness.renderer.history.get(started.id)?.map((s) => s.kind) ?? [];
    expect(states.filter((kind) => kind !== 'open' && kind !== 'connecting')).toEqual([]);
    expect(harness.service.list()[0]?.connections).toBe(1);
    expect(notifications).toEqual([]);
  });

  it('a connection that died during sleep is found by that one check and reconnected once', async () => {
    const clock = new JumpingClock();
    const started = await startWithShell({ clock, service: { tuning: FAST_TUNING } });
    harness = started.harness;
    const dropped = waitForEvent(
      harness.gl,
      'terminal-disconnected',
      (e) => e.jobId === started.jobId,
    );
    harness.gl.halfOpen();
    clock.offset += HOUR_MS;
    harness.service.resumed();
    await dropped;
    await harness.renderer.waitForState(
      started.id,
      'open',
      () => harness?.service.list()[0]?.connections === 2,
    );
    expect(harness.gl.counters().handshakes).toEqual({ '101': 2 });
    const states = harness.renderer.history.get(started.id)?.map((s) => s.kind) ?? [];
    expect(states).not.toContain('closed');
  });

  it('a reconnect waiting on a pre-sleep backoff timer checks the job at once on resume', async () => {
    const clock = new JumpingClock();
    const started = await startWithShell({
      clock,
      // A ten-minute backoff: without the resume signal the test would time out waiting.
      service: { tuning: { ...FAST_TUNING, reconnectBaseMs: 600_000, reconnectMaxMs: 600_000 } },
    });
    harness = started.harness;
    harness.gl.cutConnections('rst');
    await harness.renderer.waitForState(started.id, 'reconnecting');
    clock.offset += HOUR_MS;
    harness.service.resumed();
    await harness.renderer.waitForState(
      started.id,
      'open',
      () => harness?.service.list()[0]?.connections === 2,
    );
    expect(harness.gl.counters().handshakes).toEqual({ '101': 2 });
  });
});
