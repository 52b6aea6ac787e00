/** The state of one key's window after a hit. */
export interface RateState {
  readonly allowed: boolean;
  readonly limit: number;
  readonly observed: number;
  readonly remaining: number;
  /** Epoch milliseconds when the window resets. */
  readonly resetAtMs: number;
}

/** A fixed-window counter per key, like Gitlab::ApplicationRateLimiter and Rack::Attack. */
export class FixedWindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  hit(key: string): RateState {
    const now = Date.now();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= this.#windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= this.#limit,
      limit: this.#limit,
      observed: window.count,
      remaining: Math.max(0, this.#limit - window.count),
      resetAtMs: window.start + this.#windowMs,
    };
  }
}

const MS_PER_S = 1000;

/** The RateLimit-* headers GitLab's throttles send. */
export function rateLimitHeaders(name: string, state: RateState): Record<string, string> {
  return {
    'RateLimit-Name': name,
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Observed': String(state.observed),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(Math.ceil(state.resetAtMs / MS_PER_S)),
    'RateLimit-ResetTime': new Date(state.resetAtMs).toUTCString(),
  };
}

export function retryAfterSeconds(state: RateState): number {
  return Math.max(1, Math.ceil((state.resetAtMs - Date.now()) / MS_PER_S));
}
