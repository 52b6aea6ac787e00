import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_AFTER_MS,
  MAX_RETRY_AFTER_MS,
  parseNextPage,
  parsePollInterval,
  parseRateLimit,
  retryAfterMs,
} from '../../../../../src/main/core/gitlab/rate-limit';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);

describe('rate-limit headers', () => {
  it('reads RateLimit-Limit/Remaining/Reset', () => {
    expect(
      parseRateLimit({
        'ratelimit-limit': '600',
        'ratelimit-remaining': '12',
        'ratelimit-reset': '1768046460',
      }),
    ).toEqual({ limit: 600, remaining: 12, resetAt: 1_768_046_460_000 });
    expect(parseRateLimit({ 'ratelimit-limit': '600' })).toBeNull();
    expect(parseRateLimit({ 'ratelimit-limit': 'lots', 'ratelimit-remaining': '1' })).toBeNull();
  });

  it('waits Retry-After seconds, or until an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after': '30' }, NOW)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': new Date(NOW + 90_000).toUTCString() }, NOW)).toBe(90_000);
  });

  it('falls back to the reset time, then to a minute, and caps hostile values', () => {
    const reset = String(Math.floor((NOW + 20_000) / 1000));
    expect(
      retryAfterMs(
        { 'ratelimit-limit': '1', 'ratelimit-remaining': '0', 'ratelimit-reset': reset },
        NOW,
      ),
    ).toBe(20_000);
    expect(retryAfterMs({}, NOW)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(retryAfterMs({ 'retry-after': '99999999' }, NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs({ 'retry-after': new Date(NOW - 5000).toUTCString() }, NOW)).toBe(0);
  });

  it('finds the next page in X-Next-Page or the Link header', () => {
    expect(parseNextPage({ 'x-next-page': '3' })).toBe(3);
    expect(parseNextPage({ 'x-next-page': '' })).toBeNull();
    expect(
      parseNextPage({
        link: '<https://h/api/v4/projects?page=1>; rel="prev", <https://h/api/v4/projects?page=4&per_page=20>; rel="next"',
      }),
    ).toBe(4);
    expect(parseNextPage({ link: '<https://h/api/v4/projects?page=1>; rel="first"' })).toBeNull();
  });

  it('reads Poll-Interval, including -1 for "do not poll"', () => {
    expect(parsePollInterval({ 'poll-interval': '10000' })).toBe(10_000);
    expect(parsePollInterval({ 'poll-interval': '-1' })).toBe(-1);
    expect(parsePollInterval({})).toBeNull();
  });
});
