/** The live entry of one account: its stored record, its secrets and the last verdict about it. */
import type { AccountState } from '../../../../shared/models';
import type { AccountRecord } from './stored-record';
import type { AccountRuntime } from '../views/account-view';

export interface Entry {
  readonly record: AccountRecord;
  readonly cookieHeader: string | null;
  readonly token: string | null;
  readonly state: AccountState;
  readonly problem: string | null;
  /** Failed background checks in a row; drives the re-check backoff. */
  readonly attempt: number;
  /** When a re-check after an auth failure last restored the account, or null. */
  readonly restoredAt: number | null;
}

/** A fresh entry with no failed checks behind it. */
export function newEntry(
  record: AccountRecord,
  cookieHeader: string | null,
  token: string | null,
  state: AccountState,
): Entry {
  return { record, cookieHeader, token, state, problem: null, attempt: 0, restoredAt: null };
}

/** The runtime facts a view is computed from (never the secrets themselves). */
export function runtimeOf(entry: Entry): AccountRuntime {
  return {
    state: entry.state,
    hasCookie: entry.cookieHeader !== null,
    hasToken: entry.token !== null,
    problem: entry.problem,
  };
}
