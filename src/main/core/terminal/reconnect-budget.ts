/**
 * How often and when a session reconnects on its own: exponential backoff with jitter, a bounded
 * number of attempts (quality F1/F4), and a fresh budget for a connection that proved stable.
 */
import type { CloseReason } from '../../../shared/models';
import type { Clock, TimerHandle } from '../ports';
import { reason } from './close-reasons';
import type { TerminalTuning } from './tuning';

/**
 * A connection that stayed up this long earns a fresh reconnect budget; one that drops sooner
 * keeps counting, so open-then-drop cycles stop after maxReconnectAttempts (no endless loop).
 */
export const STABLE_CONNECTION_MS = 60_000;

/** A retry that was scheduled: its number and when it fires (epoch ms). */
export interface ScheduledRetry {
  readonly attempt: number;
  readonly at: number;
}

/** The automatic reconnects of one session: at most one pending at a time. */
export class ReconnectBudget {
  #retries = 0;
  #timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly tuning: TerminalTuning,
    private readonly random: () => number,
  ) {}

  /** The number of the next connection attempt (1 for the first of a series). */
  get nextAttempt(): number {
    return this.#retries + 1;
  }

  /** A manual reconnect: a fresh budget, and nothing pending any more. */
  reset(): void {
    this.cancel();
    this.#retries = 0;
  }

  /** A connection ended after `lastedMs` open: a stable one earns a fresh budget. */
  connectionLasted(lastedMs: number): void {
    if (lastedMs >= STABLE_CONNECTION_MS) this.#retries = 0;
  }

  /** Runs `retry` after a backoff; null (nothing scheduled) once the attempts are used up. */
  schedule(retry: () => void): ScheduledRetry | null {
    if (this.#retries >= this.tuning.maxReconnectAttempts) return null;
    this.#retries += 1;
    const delay = backoffDelay(this.#retries, this.tuning, this.random);
    this.cancel();
    this.#timer = this.clock.setTimeout(() => {
      this.#timer = null;
      retry();
    }, delay);
    return { attempt: this.#retries, at: this.clock.now() + delay };
  }

  /** The reason shown once the budget is spent: the last failure, and what to do now. */
  gaveUp(last: CloseReason): CloseReason {
    const max = this.tuning.maxReconnectAttempts;
    const gaveUp = `Gave up after ${max} attempts to reconnect: press Reconnect to try again.`;
    return reason(last.code, `${last.message} ${gaveUp}`);
  }

  cancel(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelay(
  attempt: number,
  tuning: TerminalTuning,
  random: () => number,
): number {
  const ceiling = Math.min(
    tuning.reconnectMaxMs,
    tuning.reconnectBaseMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
