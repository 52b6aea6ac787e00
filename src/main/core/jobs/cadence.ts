/**
 * How often each watched project is polled: pure functions of what is known about it, so the
 * policy can be read (and tested) apart from the timers that carry it out.
 */
import {
  ACTIVE_BUDGET_PER_MIN,
  ACTIVE_INTERVAL_MS,
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  COLD_BUDGET_PER_MIN,
  COLD_MIN_INTERVAL_MS,
  JITTER_FRACTION,
  RECENT_ACTIVITY_WINDOW_MS,
  WARM_BUDGET_PER_MIN,
  WARM_INTERVAL_MS,
} from './tuning';

/** active: one of the user's jobs runs or waits there; warm: recent activity; cold: quiet. */
export type Tier = 'active' | 'warm' | 'cold';

export interface ActivitySignals {
  /** The last poll saw a running or pending job of the user. */
  readonly userJobActive: boolean;
  /** When a running or pending job of the user was last seen there. */
  readonly userJobSeenAt: number | null;
  /** The project's last_activity_at (epoch ms), from the project list. */
  readonly lastActivityAt: number | null;
}

const MINUTE_MS = 60_000;

/** The tier a project is in right now. */
export function tierOf(signals: ActivitySignals, now: number): Tier {
  if (signals.userJobActive || isRecent(signals.userJobSeenAt, now)) return 'active';
  return isRecent(signals.lastActivityAt, now) ? 'warm' : 'cold';
}

/**
 * Within the window either side of now: GitLab's clock may run a little ahead of ours, but a time
 * far in the future is a clock problem, not activity.
 */
function isRecent(at: number | null, now: number): boolean {
  return at !== null && Math.abs(now - at) < RECENT_ACTIVITY_WINDOW_MS;
}

/**
 * The interval of a tier, given how many projects are in each. Each tier's base interval is
 * stretched so it never spends more than its request budget per minute; no tier is polled less
 * often than the quiet tier would poll all projects, nor a quieter tier more often than a busier
 * one. So the total stays under the sum of the three budgets, whatever the mix.
 */
export function tierInterval(
  tier: Tier,
  counts: Readonly<Record<Tier, number>>,
  floorMs = 0,
): number {
  const total = counts.active + counts.warm + counts.cold;
  const cold = stretch(COLD_MIN_INTERVAL_MS, COLD_BUDGET_PER_MIN, total);
  const active = Math.min(stretch(ACTIVE_INTERVAL_MS, ACTIVE_BUDGET_PER_MIN, counts.active), cold);
  const warm = Math.min(
    Math.max(stretch(WARM_INTERVAL_MS, WARM_BUDGET_PER_MIN, counts.warm), active),
    cold,
  );
  switch (tier) {
    case 'active':
      return Math.max(active, floorMs);
    case 'warm':
      return Math.max(warm, floorMs);
    case 'cold':
      return Math.max(cold, floorMs);
  }
}

/** The base interval, or longer when `count` projects at that interval would exceed the budget. */
function stretch(baseMs: number, budgetPerMin: number, count: number): number {
  return Math.max(baseMs, Math.ceil((Math.max(count, 1) * MINUTE_MS) / budgetPerMin));
}

/** A factor in [1 − JITTER_FRACTION, 1 + JITTER_FRACTION] to multiply a delay by. */
export function jitterFactor(random: () => number): number {
  return 1 - JITTER_FRACTION + 2 * JITTER_FRACTION * random();
}

/** The wait after `failures` consecutive failures (before jitter): doubling from the base, capped. */
export function backoffDelay(failures: number): number {
  const exponent = Math.max(failures - 1, 0);
  // Cap the exponent first: 2 ** 1000 is Infinity, and nothing beyond ~2^6 matters here.
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
}
