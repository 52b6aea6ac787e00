/** What the renderer may see of an account: state and warnings, computed from the record and runtime facts. */
import type { AccountState, AccountView } from '../../../../shared/models';
import type { AccountRecord } from '../storage/stored-record';
import { daysUntil, tokenExpiryTime } from '../verification/check-before-save';

/** Warn this many days before a token expires: a working week plus a weekend to create a new one. */
export const TOKEN_WARNING_DAYS = 7;

const MS_PER_DAY = 86_400_000;

/** What main knows about an account right now, beyond its stored record. */
export interface AccountRuntime {
  /** The last verdict of a check or an auth failure report. */
  readonly state: AccountState;
  readonly hasCookie: boolean;
  readonly hasToken: boolean;
  /** Why the account is offline or its token unusable, in words for the user. */
  readonly problem: string | null;
}

/** The state after time-based facts: a token past its expiry date is expired even before GitLab says so. */
export function effectiveState(
  record: AccountRecord,
  runtime: AccountRuntime,
  now: number,
): AccountState {
  if (!runtime.hasCookie) return 'session-expired';
  if (runtime.state !== 'signed-in') return runtime.state;
  const expiry = tokenExpiryTime(record.token?.expiresAt ?? null);
  if (runtime.hasToken && expiry !== null && expiry <= now) return 'token-expired';
  return 'signed-in';
}

/** Builds the AccountView (never a secret). */
export function toView(record: AccountRecord, runtime: AccountRuntime, now: number): AccountView {
  const state = effectiveState(record, runtime, now);
  return {
    id: record.id,
    baseUrl: record.baseUrl,
    host: new URL(record.baseUrl).host,
    name: record.name,
    color: record.color,
    username: record.username,
    userId: record.userId,
    displayName: record.displayName,
    signedIn: state !== 'session-expired',
    hasToken: runtime.hasToken,
    tokenScopes: runtime.hasToken ? (record.token?.scopes ?? []) : [],
    tokenExpiresAt: runtime.hasToken ? (record.token?.expiresAt ?? null) : null,
    state,
    warnings: warnings(record, runtime, state, now),
    network: {
      caCount: record.network.ca.length,
      proxy: record.network.proxy,
      pinnedFingerprint: record.network.pinnedFingerprint,
    },
  };
}

function warnings(
  record: AccountRecord,
  runtime: AccountRuntime,
  state: AccountState,
  now: number,
): readonly string[] {
  const list: string[] = [];
  switch (state) {
    case 'session-expired':
      list.push('The GitLab session has expired or was signed out: sign in again.');
      break;
    case 'offline':
      list.push(runtime.problem ?? 'GitLab cannot be reached right now; Jobshell keeps trying.');
      break;
    case 'token-expired':
      list.push(
        runtime.problem ??
          `The token expired on ${record.token?.expiresAt ?? 'an earlier date'}: set a new one (the session is used until then).`,
      );
      break;
    case 'signed-in':
      break;
  }
  const expiry = tokenExpiryTime(record.token?.expiresAt ?? null);
  if (runtime.hasToken && state !== 'token-expired' && expiry !== null && expiry > now) {
    const days = daysUntil(expiry, now);
    if (days <= TOKEN_WARNING_DAYS) {
      list.push(
        `The token expires in ${days} day${days === 1 ? '' : 's'} (${record.token?.expiresAt ?? ''}): create a new one and set it here.`,
      );
    }
  }
  return list;
}

/**
 * The next instant at which time alone changes a view (a token's warning starts, its day count
 * drops, or it expires), or null when no token is heading there.
 */
export function nextTimeChange(records: readonly AccountRecord[], now: number): number | null {
  let next: number | null = null;
  for (const record of records) {
    const expiry = tokenExpiryTime(record.token?.expiresAt ?? null);
    if (expiry === null || expiry <= now) continue;
    const left = expiry - now;
    const at =
      left > TOKEN_WARNING_DAYS * MS_PER_DAY
        ? expiry - TOKEN_WARNING_DAYS * MS_PER_DAY
        : expiry - (Math.ceil(left / MS_PER_DAY) - 1) * MS_PER_DAY;
    next = next === null ? at : Math.min(next, at);
  }
  return next;
}
