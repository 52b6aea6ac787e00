import { describe, expect, it } from 'vitest';
import { Heartbeat } from '../../../../../src/main/core/terminal/heartbeat';
import { DEFAULT_TUNING } from '../../../../../src/main/core/terminal/tuning';
import { FakeClock } from '../../../support/fake-clock';

function setup(): { clock: FakeClock; heartbeat: Heartbeat; pings: number[]; deaths: number[] } {
  const clock = new FakeClock();
  const pings: number[] = [];
  const deaths: number[] = [];
  const startedAt = clock.now();
  const heartbeat = new Heartbeat(
    clock,
    { intervalMs: DEFAULT_TUNING.heartbeatIntervalMs, deadAfterMs: DEFAULT_TUNING.deadAfterMs },
    {
      ping: () => pings.push(clock.now() - startedAt),
      dead: () => deaths.push(clock.now() - startedAt),
    },
  );
  return { clock, heartbeat, pings, deaths };
}

describe('Heartbeat', () => {
  it('declares a silent connection dead within 45 s (quality F2), pinging it before', () => {
    const { clock, pings, deaths } = setup();
    clock.advance(45_000);
    expect(deaths).toHaveLength(1);
    expect(deaths[0]).toBeLessThanOrEqual(45_000);
    expect(pings.length).toBeGreaterThan(0);
    clock.advance(60_000);
    expect(deaths).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('keeps a connection alive that shows life (e.g. Workhorse pings every 30 s)', () => {
    const { clock, heartbeat, deaths } = setup();
    for (let i = 0; i < 20; i += 1) {
      clock.advance(30_000);
      heartbeat.alive();
    }
    expect(deaths).toEqual([]);
    heartbeat.stop();
    expect(clock.pending).toBe(0);
  });

  it('does not blame the connection for a suspended process: a late tick earns a grace period', () => {
    const { clock, heartbeat, pings, deaths } = setup();
    // Simulate sleep: time jumps ten minutes without timers running in between.
    clock.advance(0);
    const before = pings.length;
    jump(clock, 600_000);
    expect(deaths).toEqual([]);
    expect(pings.length).toBe(before + 1);
    heartbeat.alive();
    clock.advance(20_000);
    expect(deaths).toEqual([]);
    // Without an answer it is declared dead on a later tick.
    clock.advance(60_000);
    expect(deaths).toHaveLength(1);
  });

  it('on resume: one ping now, judged one interval later, nothing concluded from the jump', () => {
    const { clock, heartbeat, pings, deaths } = setup();
    clock.advance(5_000);
    const now = clock.now.bind(clock);
    clock.now = () => now() + 3_600_000;
    const before = pings.length;
    heartbeat.rebase();
    expect(pings.length).toBe(before + 1);
    expect(deaths).toEqual([]);
    // Answered: alive, however long the sleep was.
    heartbeat.alive();
    clock.advance(DEFAULT_TUNING.heartbeatIntervalMs);
    expect(deaths).toEqual([]);
    // A later resume whose ping goes unanswered: dead once the silence limit has passed.
    heartbeat.rebase();
    clock.advance(DEFAULT_TUNING.deadAfterMs);
    expect(deaths).toHaveLength(1);
  });
});

/** Moves the fake clock forward so the next due timer runs late, as after a laptop sleep. */
function jump(clock: FakeClock, ms: number): void {
  const now = clock.now.bind(clock);
  const offset = ms;
  clock.now = () => now() + offset;
  clock.advance(DEFAULT_TUNING.heartbeatIntervalMs);
}
