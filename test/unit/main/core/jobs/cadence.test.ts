import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  jitterFactor,
  tierInterval,
  tierOf,
  type Tier,
} from '../../../../../src/main/core/jobs/cadence';
import {
  ACTIVE_BUDGET_PER_MIN,
  ACTIVE_INTERVAL_MS,
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  COLD_BUDGET_PER_MIN,
  RECENT_ACTIVITY_WINDOW_MS,
  WARM_BUDGET_PER_MIN,
} from '../../../../../src/main/core/jobs/tuning';

const NOW = 1_800_000_000_000;

describe('tierOf', () => {
  it('is active with a job of the user, or shortly after one', () => {
    expect(tierOf({ userJobActive: true, userJobSeenAt: NOW, lastActivityAt: null }, NOW)).toBe(
      'active',
    );
    expect(
      tierOf({ userJobActive: false, userJobSeenAt: NOW - 60_000, lastActivityAt: null }, NOW),
    ).toBe('active');
    expect(
      tierOf(
        {
          userJobActive: false,
          userJobSeenAt: NOW - RECENT_ACTIVITY_WINDOW_MS,
          lastActivityAt: null,
        },
        NOW,
      ),
    ).toBe('cold');
  });

  it('is warm after recent activity, cold otherwise, and ignores a far-future clock', () => {
    expect(
      tierOf({ userJobActive: false, userJobSeenAt: null, lastActivityAt: NOW - 60_000 }, NOW),
    ).toBe('warm');
    expect(
      tierOf({ userJobActive: false, userJobSeenAt: null, lastActivityAt: NOW + 30_000 }, NOW),
    ).toBe('warm');
    expect(
      tierOf({ userJobActive: false, userJobSeenAt: null, lastActivityAt: NOW + 3_600_000 }, NOW),
    ).toBe('cold');
    expect(
      tierOf({ userJobActive: false, userJobSeenAt: null, lastActivityAt: NOW - 3_600_000 }, NOW),
    ).toBe('cold');
  });
});

describe('tierInterval', () => {
  it('uses the base interval while the budget allows it', () => {
    expect(tierInterval('active', { active: 3, warm: 0, cold: 47 })).toBe(ACTIVE_INTERVAL_MS);
  });

  it('never polls a busier tier less often than a quiet one', () => {
    const counts = { active: 40, warm: 40, cold: 0 };
    const cold = tierInterval('cold', counts);
    expect(tierInterval('warm', counts)).toBeLessThanOrEqual(cold);
    expect(tierInterval('active', counts)).toBeLessThanOrEqual(tierInterval('warm', counts));
  });

  it('keeps the total under the sum of the budgets for any mix of 0–120 projects', () => {
    const budget = ACTIVE_BUDGET_PER_MIN + WARM_BUDGET_PER_MIN + COLD_BUDGET_PER_MIN;
    for (let active = 0; active <= 120; active += 7) {
      for (let warm = 0; warm + active <= 120; warm += 9) {
        const counts = { active, warm, cold: 120 - active - warm };
        const perMinute = (['active', 'warm', 'cold'] as const).reduce(
          (sum: number, tier: Tier) => sum + (counts[tier] * 60_000) / tierInterval(tier, counts),
          0,
        );
        expect(perMinute).toBeLessThanOrEqual(budget + 1e-9);
      }
    }
  });

  it('respects GitLab’s Poll-Interval as a floor', () => {
    expect(tierInterval('active', { active: 1, warm: 0, cold: 0 }, 20_000)).toBe(20_000);
  });
});

describe('backoff and jitter', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4].map(backoffDelay)).toEqual([1, 2, 4, 8].map((f) => f * BACKOFF_BASE_MS));
    expect(backoffDelay(50)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(10_000)).toBe(BACKOFF_MAX_MS);
  });

  it('spreads delays by ±20 %', () => {
    expect(jitterFactor(() => 0)).toBeCloseTo(0.8);
    expect(jitterFactor(() => 0.5)).toBeCloseTo(1);
    expect(jitterFactor(() => 0.999_999)).toBeCloseTo(1.2);
  });
});
