/** GitLab's rate-limit, retry and paging headers. */

export interface RateLimitInfo {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch ms when the window resets, when GitLab says. */
  readonly resetAt: number | null;
}

/**
 * Wait after a 429 that names no time. GitLab's limits are per minute, so one minute always
 * clears the window.
 */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Longest wait honoured from a header: a broken or hostile value must not stall an account for days. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

type Headers = Readonly<Record<string, string>>;

/** `RateLimit-Limit`/`-Remaining`/`-Reset` (epoch seconds), or null when absent or unreadable. */
export function parseRateLimit(headers: Headers): RateLimitInfo | null {
  const limit = integerHeader(headers['ratelimit-limit']);
  const remaining = integerHeader(headers['ratelimit-remaining']);
  if (limit === null || remaining === null) return null;
  const reset = integerHeader(headers['ratelimit-reset']);
  return { limit, remaining, resetAt: reset === null ? null : reset * 1000 };
}

/** How long to wait after a 429: `Retry-After` (seconds or HTTP date), else the reset time, else a minute. */
export function retryAfterMs(headers: Headers, now: number): number {
  const raw = headers['retry-after']?.trim();
  let wait: number | null = null;
  if (raw !== undefined && raw !== '') {
    if (/^\d+$/.test(raw)) wait = Number(raw) * 1000;
    else {
      const date = Date.parse(raw);
      if (!Number.isNaN(date)) wait = date - now;
    }
  }
  if (wait === null) {
    const reset = parseRateLimit(headers)?.resetAt ?? null;
    wait = reset === null ? DEFAULT_RETRY_AFTER_MS : reset - now;
  }
  return Math.min(Math.max(wait, 0), MAX_RETRY_AFTER_MS);
}

/** The next page from `X-Next-Page`, else from a `Link: <…page=N…>; rel="next"` header. */
export function parseNextPage(headers: Headers): number | null {
  const next = integerHeader(headers['x-next-page']);
  if (next !== null) return next;
  const link = headers.link;
  if (link === undefined) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1] === undefined) continue;
    try {
      return integerHeader(new URL(match[1]).searchParams.get('page') ?? undefined);
    } catch {
      return null;
    }
  }
  return null;
}

/** `Poll-Interval` in ms (GitLab's -1 means "do not poll"), or null when absent. */
export function parsePollInterval(headers: Headers): number | null {
  const raw = headers['poll-interval']?.trim();
  if (raw === undefined || !/^-?\d+$/.test(raw)) return null;
  return Number(raw);
}

function integerHeader(value: string | undefined): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}
