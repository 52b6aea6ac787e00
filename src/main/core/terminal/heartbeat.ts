/**
 * Detects a dead connection (quality F2: half-open, no data, no pings, no FIN) with the injected
 * clock. Any inbound frame, ping or pong counts as life; when the socket has been quiet for a tick
 * we ping it ourselves, so a healthy idle connection always answers in time.
 */
import type { Clock, TimerHandle } from '../ports';

export interface HeartbeatOptions {
  readonly intervalMs: number;
  readonly deadAfterMs: number;
}

export interface HeartbeatTarget {
  ping(): void;
  /** Called once when the connection is judged dead. */
  dead(silentForMs: number): void;
}

/**
 * A tick that comes this many intervals late means the process was suspended (laptop sleep) or the
 * clock jumped: the silence says nothing about the connection, so it gets a fresh grace period
 * instead of being declared dead at once (quality F13: no false alarms after sleep).
 */
const LATE_TICK_FACTOR = 2;

/** Watches one open socket; stop() it when the socket closes. */
export class Heartbeat {
  #lastActivity: number;
  #lastTick: number;
  #timer: TimerHandle | null = null;
  #stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: HeartbeatOptions,
    private readonly target: HeartbeatTarget,
  ) {
    this.#lastActivity = clock.now();
    this.#lastTick = this.#lastActivity;
    this.#schedule();
  }

  /** Something arrived from the peer. */
  alive(): void {
    this.#lastActivity = this.clock.now();
  }

  /**
   * The machine woke from sleep (or the clock jumped): whatever silence was measured across it says
   * nothing. Re-base on now, ping once, and judge after one interval: one liveness check, no
   * verdict from the jump itself.
   */
  rebase(): void {
    if (this.#stopped) return;
    const now = this.clock.now();
    this.#lastTick = now;
    this.#lastActivity = Math.max(
      Math.min(this.#lastActivity, now),
      now - this.options.deadAfterMs + this.options.intervalMs,
    );
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.target.ping();
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    this.#timer = this.clock.setTimeout(() => {
      this.#tick();
    }, this.options.intervalMs);
  }

  #tick(): void {
    this.#timer = null;
    if (this.#stopped) return;
    const now = this.clock.now();
    const late = now - this.#lastTick > this.options.intervalMs * LATE_TICK_FACTOR;
    this.#lastTick = now;
    if (late) {
      // Re-base: one fresh interval-sized grace before judging, with a ping to prompt an answer.
      this.#lastActivity = Math.max(
        this.#lastActivity,
        now - this.options.deadAfterMs + this.options.intervalMs,
      );
    }
    const silent = now - this.#lastActivity;
    if (silent >= this.options.deadAfterMs) {
      this.#stopped = true;
      this.target.dead(silent);
      return;
    }
    if (silent >= this.options.intervalMs || late) this.target.ping();
    this.#schedule();
  }
}
