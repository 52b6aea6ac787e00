/**
 * The background re-check / expiry state machine: checks accounts against GitLab, retries
 * unreachable ones with backoff, and after an auth failure re-checks once in case only the token
 * was refused.
 */
import type { Clock, HttpTransport, Logger, TimerHandle } from '../../ports';
import type { AuthFailureSource } from '../../services';
import { checkAccount, type CheckVerdict } from './recheck-one';
import { targetOf } from '../input/record-fields';
import type { AccountRecord } from '../storage/stored-record';
import type { AccountStore } from '../storage/live-accounts';

/** First retry of an account that could not be checked; network blips usually pass within seconds. */
export const RECHECK_INITIAL_MS = 15_000;
/** Longest wait between retries: an offline laptop must not poll, but must notice it is back. */
export const RECHECK_MAX_MS = 10 * 60_000;
/**
 * After an API 401 turned out not to be the credentials' fault, a second 401 this soon keeps the
 * account expired instead of re-checking, so a flapping server cannot cause a sign-in loop.
 */
export const RESTORE_GUARD_MS = 5 * 60_000;

export interface RecheckDeps {
  readonly store: AccountStore;
  readonly http: HttpTransport;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface Rechecks {
  /**
   * Checks one account in the background; results for credentials that changed meanwhile are
   * dropped. `restoring`: a re-check after an auth failure, which may only lift that failure.
   */
  readonly run: (id: string, restoring: boolean) => Promise<void>;
  /** Stops the pending retry of an account, if any. */
  readonly cancel: (id: string) => void;
  /** A 401 or sign-in redirect: mark the account expired (once), and maybe re-check it. */
  readonly reportAuthFailure: (accountId: string, source: AuthFailureSource) => void;
  readonly dispose: () => void;
}

/** Creates the re-check machine over the store's entries. */
export function createRechecks(deps: RecheckDeps): Rechecks {
  const { store, http, clock, logger } = deps;
  const timers = new Map<string, TimerHandle>();
  const checking = new Set<string>();

  const cancel = (id: string): void => {
    const timer = timers.get(id);
    if (timer === undefined) return;
    clock.clearTimeout(timer);
    timers.delete(id);
  };

  const schedule = (id: string, attempt: number): void => {
    cancel(id);
    if (store.isDisposed()) return;
    const delay = Math.min(RECHECK_INITIAL_MS * 2 ** Math.max(attempt - 1, 0), RECHECK_MAX_MS);
    timers.set(
      id,
      clock.setTimeout(() => {
        timers.delete(id);
        void run(id, false);
      }, delay),
    );
  };

  const run = async (id: string, restoring: boolean): Promise<void> => {
    const entry = store.get(id);
    if (entry === undefined || checking.has(id) || store.isDisposed()) return;
    checking.add(id);
    try {
      const stored = {
        userId: entry.record.userId,
        cookieHeader: entry.cookieHeader,
        token: entry.token,
      };
      const verdict = await checkAccount(targetOf(http, entry.record), stored, clock.now());
      const now = store.get(id);
      if (now?.cookieHeader !== entry.cookieHeader || now.token !== entry.token) return;
      if (restoring && now.state !== 'session-expired') return;
      // An auth failure reported while this check ran wins over its (older) answer.
      if (!restoring && now.state === 'session-expired' && entry.state !== 'session-expired')
        return;
      applyVerdict({ store, clock, logger, schedule }, id, verdict, restoring);
    } catch (error) {
      logger.log('error', 'account check crashed', { accountId: id, error: String(error) });
    } finally {
      checking.delete(id);
    }
  };

  const reportAuthFailure = (accountId: string, source: AuthFailureSource): void => {
    const entry = store.get(accountId);
    if (entry === undefined || store.stateOf(entry) === 'session-expired') return;
    const usedToken =
      source === 'api' && entry.token !== null && store.stateOf(entry) !== 'token-expired';
    cancel(accountId);
    store.put(accountId, { state: 'session-expired', problem: null });
    logger.log('warn', 'account session expired', { accountId, source });
    store.emit();
    // A 401 on a token call may be the token's fault alone: if the session still works, keep it.
    const recentlyRestored =
      entry.restoredAt !== null && clock.now() - entry.restoredAt < RESTORE_GUARD_MS;
    if (usedToken && !recentlyRestored) void run(accountId, true);
  };

  return {
    run,
    cancel,
    reportAuthFailure,
    dispose: () => {
      for (const id of [...timers.keys()]) cancel(id);
    },
  };
}

/** Records a check's verdict on the account, retrying later when GitLab could not be reached. */
function applyVerdict(
  context: Pick<RecheckDeps, 'store' | 'clock' | 'logger'> & {
    readonly schedule: (id: string, attempt: number) => void;
  },
  id: string,
  verdict: CheckVerdict,
  restoring: boolean,
): void {
  const { store, clock, logger, schedule } = context;
  const entry = store.get(id);
  if (entry === undefined) return;
  logger.log(verdict.kind === 'signed-in' ? 'info' : 'warn', 'account checked', {
    accountId: id,
    host: new URL(entry.record.baseUrl).host,
    state: verdict.kind,
  });
  switch (verdict.kind) {
    case 'signed-in': {
      const record =
        verdict.token === null ? entry.record : { ...entry.record, token: verdict.token };
      if (record !== entry.record) saveQuietly(store, logger, record);
      store.put(id, {
        record,
        state: 'signed-in',
        problem: null,
        attempt: 0,
        restoredAt: restoring ? clock.now() : entry.restoredAt,
      });
      break;
    }
    case 'token-expired':
      store.put(id, {
        state: 'token-expired',
        problem: verdict.problem,
        attempt: 0,
        restoredAt: restoring ? clock.now() : entry.restoredAt,
      });
      break;
    case 'session-expired':
      store.put(id, { state: 'session-expired', problem: verdict.problem, attempt: 0 });
      break;
    case 'offline': {
      const attempt = entry.attempt + 1;
      // A report of an auth failure said "stop": being unreachable does not undo that.
      if (!restoring) store.put(id, { state: 'offline', problem: verdict.problem, attempt });
      schedule(id, attempt);
      break;
    }
  }
  store.emit();
}

/** Token details GitLab refreshed are worth keeping, but not worth failing a check over. */
function saveQuietly(store: RecheckDeps['store'], logger: Logger, record: AccountRecord): void {
  void store
    .serial(() => store.commit([], store.replaceRecord(record)))
    .catch((error: unknown) => {
      logger.log('warn', 'could not save refreshed token details', {
        accountId: record.id,
        error: String(error),
      });
    });
}
