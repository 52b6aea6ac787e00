/**
 * What every account on one GitLab instance shares: the requests in flight, a Retry-After or
 * backoff block, and the rate-limit slowdown. GitLab limits per user and per IP, so several accounts
 * on one host must respect one gate.
 */
import type { RateLimitInfo } from '../gitlab/rate-limit';
import { backoffDelay, jitterFactor } from './cadence';
import {
  LOW_RATE_LIMIT_FLOOR,
  LOW_RATE_LIMIT_FRACTION,
  MAX_IN_FLIGHT_PER_INSTANCE,
  RATE_LIMIT_DEFAULT_WINDOW_MS,
  RATE_LIMIT_SLOWDOWN,
} from './tuning';

export type GateBlock =
  | { readonly kind: 'rate-limited'; readonly until: number }
  | { readonly kind: 'backoff'; readonly until: number };

/** One instance's shared request state. */
export class InstanceGate {
  #inFlight = 0;
  #block: GateBlock | null = null;
  #failureStreak = 0;
  #slowUntil = 0;
  readonly #releaseListeners = new Set<() => void>();

  constructor(
    readonly origin: string,
    private readonly random: () => number,
  ) {}

  /** The block in force at `now`, if any. */
  block(now: number): GateBlock | null {
    return this.#block !== null && now < this.#block.until ? this.#block : null;
  }

  /** Takes a request slot; false while blocked or at the in-flight cap. */
  tryAcquire(now: number): boolean {
    if (this.block(now) !== null || this.#inFlight >= MAX_IN_FLIGHT_PER_INSTANCE) return false;
    this.#inFlight += 1;
    return true;
  }

  /** Gives the slot back and lets waiting pollers try again. */
  release(): void {
    this.#inFlight = Math.max(this.#inFlight - 1, 0);
    for (const listener of this.#releaseListeners) listener();
  }

  /** Called whenever a slot frees up. */
  onRelease(listener: () => void): () => void {
    this.#releaseListeners.add(listener);
    return () => this.#releaseListeners.delete(listener);
  }

  /** A good answer: the failure streak ends; low RateLimit-Remaining starts a slowdown. */
  recordSuccess(rateLimit: RateLimitInfo | null, now: number): void {
    this.#failureStreak = 0;
    if (this.#block?.kind === 'backoff') this.#block = null;
    this.noteRateLimit(rateLimit, now);
  }

  /** Rate-limit headers seen on any answer, good or bad. */
  noteRateLimit(rateLimit: RateLimitInfo | null, now: number): void {
    if (rateLimit === null) return;
    const low = Math.max(rateLimit.limit * LOW_RATE_LIMIT_FRACTION, LOW_RATE_LIMIT_FLOOR);
    if (rateLimit.remaining <= low) {
      const reset =
        rateLimit.resetAt !== null && rateLimit.resetAt > now ? rateLimit.resetAt : null;
      this.#slowUntil = reset ?? now + RATE_LIMIT_DEFAULT_WINDOW_MS;
    } else {
      this.#slowUntil = 0;
    }
  }

  /** A 429: no request to this instance until Retry-After has passed. */
  recordRateLimited(retryAfterMs: number, now: number): void {
    const until = now + retryAfterMs;
    if (this.#block?.kind !== 'rate-limited' || this.#block.until < until) {
      this.#block = { kind: 'rate-limited', until };
    }
  }

  /** A 5xx, timeout or unreadable answer: back off exponentially, with jitter. */
  recordFailure(now: number): void {
    this.#failureStreak += 1;
    const until = now + backoffDelay(this.#failureStreak) * jitterFactor(this.random);
    // A running Retry-After block is never shortened by a backoff.
    if (this.block(now)?.kind !== 'rate-limited') this.#block = { kind: 'backoff', until };
  }

  /** Interval multiplier: above 1 while GitLab reports few requests left in its window. */
  slowdown(now: number): number {
    return now < this.#slowUntil ? RATE_LIMIT_SLOWDOWN : 1;
  }
}
