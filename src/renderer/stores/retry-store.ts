/**
 * The retries with terminal every window sees, kept current from `retries.changed`. Apart from the
 * app store so the job list and tab strip can read them without growing that shared file.
 */
import type { Bridge } from '../bridge/bridge';
import type { RetryView } from '../../shared/models';

export interface RetryStore {
  readonly get: () => readonly RetryView[];
  readonly subscribe: (listener: () => void) => () => void;
}

const stores = new WeakMap<Bridge, RetryStore>();

/** The one retry store of this bridge (created, subscribed and loaded on first use). */
export function retryStoreOf(bridge: Bridge): RetryStore {
  const known = stores.get(bridge);
  if (known !== undefined) return known;
  let retries: readonly RetryView[] = [];
  const listeners = new Set<() => void>();
  const set = (next: readonly RetryView[]): void => {
    retries = next;
    for (const listener of listeners) listener();
  };
  bridge.on('retries.changed', set);
  // Retries started before this window opened (another window, a jobshell:// link).
  bridge.request('retry.list', {}).then(set, () => undefined);
  const store: RetryStore = {
    get: () => retries,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  stores.set(bridge, store);
  return store;
}
