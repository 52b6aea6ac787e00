/** The accounts held in memory: one-at-a-time commits, change events, and views refreshed as time passes. */
import { ContractError } from '../../../../shared/contract';
import type { AccountState, AccountView } from '../../../../shared/models';
import type { Clock, TimerHandle } from '../../ports';
import type { AccountConnection, Unsubscribe } from '../../services';
import { connectionOf } from '../views/connections';
import { runtimeOf, type Entry } from './live-entry';
import { commitChanges, type PersistenceDeps, type SecretChange } from './save-all-or-nothing';
import type { AccountRecord } from './stored-record';
import { effectiveState, nextTimeChange, toView } from '../views/account-view';

/**
 * Longest sleep of the timer that refreshes views when a token's expiry approaches: a laptop that
 * slept past the planned instant catches up within this time.
 */
export const VIEW_REFRESH_MAX_MS = 6 * 3_600_000;

export interface StoreDeps extends PersistenceDeps {
  readonly clock: Clock;
}

export interface AccountStore {
  readonly get: (id: string) => Entry | undefined;
  /** The entry, or a 'not-found' ContractError when the account is gone. */
  readonly require: (id: string) => Entry;
  readonly all: () => readonly Entry[];
  readonly set: (entry: Entry) => void;
  readonly delete: (id: string) => void;
  /** Changes fields of an entry; null when the account is gone. */
  readonly put: (id: string, patch: Partial<Entry>) => Entry | null;
  readonly records: () => readonly AccountRecord[];
  /** The record list with `record` in place of the one with its id. */
  readonly replaceRecord: (record: AccountRecord) => readonly AccountRecord[];
  readonly stateOf: (entry: Entry) => AccountState;
  readonly viewOf: (entry: Entry) => AccountView;
  readonly list: () => readonly AccountView[];
  readonly connection: (id: string) => AccountConnection | null;
  readonly connections: () => readonly AccountConnection[];
  /** Runs `work` after every earlier one, so a duplicate check and its save see the same list. */
  readonly serial: <T>(work: () => Promise<T>) => Promise<T>;
  /** Saves secret changes and the whole record list, all or nothing. */
  readonly commit: (
    secrets: readonly SecretChange[],
    records: readonly AccountRecord[],
  ) => Promise<void>;
  /** Tells listeners; connection listeners only when what a connection carries changed. */
  readonly emit: () => void;
  readonly onChange: (listener: (accounts: readonly AccountView[]) => void) => Unsubscribe;
  readonly onConnectionsChanged: (listener: () => void) => Unsubscribe;
  readonly isDisposed: () => boolean;
  readonly dispose: () => void;
}

/** Creates an empty store. */
export function createAccountStore(deps: StoreDeps): AccountStore {
  const { clock } = deps;
  const entries = new Map<string, Entry>();
  const changeListeners = new Set<(accounts: readonly AccountView[]) => void>();
  const connectionListeners = new Set<() => void>();
  let lastSignature = '';
  let refreshTimer: TimerHandle | null = null;
  let disposed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const records = (): readonly AccountRecord[] =>
    [...entries.values()].map((entry) => entry.record);
  const stateOf = (entry: Entry): AccountState =>
    effectiveState(entry.record, runtimeOf(entry), clock.now());
  const viewOf = (entry: Entry): AccountView => toView(entry.record, runtimeOf(entry), clock.now());
  const list = (): readonly AccountView[] => [...entries.values()].map(viewOf);
  const connections = (): readonly AccountConnection[] =>
    [...entries.values()]
      .map((entry) => connectionOf(entry, stateOf(entry)))
      .filter((connection) => connection !== null);

  const emit = (): void => {
    if (disposed) return;
    const views = list();
    for (const listener of changeListeners) listener(views);
    scheduleTimeRefresh();
    // Kept in memory only (it contains credentials): compared, never logged or sent.
    const signature = JSON.stringify(connections());
    if (signature === lastSignature) return;
    lastSignature = signature;
    for (const listener of connectionListeners) listener();
  };

  /** Token warnings and expiry depend on the date: emit again when time alone changes a view. */
  const scheduleTimeRefresh = (): void => {
    if (refreshTimer !== null) clock.clearTimeout(refreshTimer);
    refreshTimer = null;
    const now = clock.now();
    const next = nextTimeChange(records(), now);
    if (next === null) return;
    refreshTimer = clock.setTimeout(
      () => {
        refreshTimer = null;
        emit();
      },
      Math.min(next - now, VIEW_REFRESH_MAX_MS),
    );
  };

  return {
    ...entryOperations(entries),
    records,
    replaceRecord: (record) => records().map((item) => (item.id === record.id ? record : item)),
    stateOf,
    viewOf,
    list,
    connection: (id) => {
      const entry = entries.get(id);
      return entry === undefined ? null : connectionOf(entry, stateOf(entry));
    },
    connections,
    serial: <T>(work: () => Promise<T>): Promise<T> => {
      const run = queue.then(work, work);
      queue = run.catch(() => undefined);
      return run;
    },
    commit: (secrets, next) => commitChanges(deps, secrets, next),
    emit,
    onChange: (listener) => subscribe(changeListeners, listener),
    onConnectionsChanged: (listener) => subscribe(connectionListeners, listener),
    isDisposed: () => disposed,
    dispose: () => {
      disposed = true;
      if (refreshTimer !== null) clock.clearTimeout(refreshTimer);
      changeListeners.clear();
      connectionListeners.clear();
    },
  };
}

/** Reading and writing the entries by id. */
function entryOperations(
  entries: Map<string, Entry>,
): Pick<AccountStore, 'get' | 'require' | 'all' | 'set' | 'delete' | 'put'> {
  return {
    get: (id) => entries.get(id),
    require: (id) => {
      const entry = entries.get(id);
      if (entry === undefined)
        throw new ContractError('not-found', 'This account no longer exists.');
      return entry;
    },
    all: () => [...entries.values()],
    set: (entry) => {
      entries.set(entry.record.id, entry);
    },
    delete: (id) => {
      entries.delete(id);
    },
    put: (id, patch) => {
      const entry = entries.get(id);
      if (entry === undefined) return null;
      const next = { ...entry, ...patch };
      entries.set(id, next);
      return next;
    },
  };
}

function subscribe<T>(set: Set<T>, listener: T): Unsubscribe {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
