/**
 * The renderer's copy of the core's broadcast targets (issue 15), kept current from
 * `broadcast.changed`. The core does the fan-out; this only shows it and changes the targets.
 */
import type { BroadcastView } from '../../../shared/broadcast-models';
import type { Bridge } from '../../bridge/bridge';

export interface BroadcastStore {
  readonly getState: () => BroadcastView;
  readonly subscribe: (listener: () => void) => () => void;
  /** Replaces the targets; [] stops broadcasting. Errors reach the caller. */
  readonly set: (sessionIds: readonly string[]) => Promise<void>;
  readonly isTarget: (sessionId: string) => boolean;
}

const EMPTY: BroadcastView = { targets: [] };
const stores = new WeakMap<Bridge, BroadcastStore>();

/** The window's broadcast store (created on first use, then shared). */
export function broadcastStoreFor(bridge: Bridge): BroadcastStore {
  let store = stores.get(bridge);
  if (store === undefined) {
    store = createBroadcastStore(bridge);
    stores.set(bridge, store);
  }
  return store;
}

function createBroadcastStore(bridge: Bridge): BroadcastStore {
  let state = EMPTY;
  const listeners = new Set<() => void>();
  const update = (next: BroadcastView): void => {
    state = next;
    for (const listener of listeners) listener();
  };
  bridge.on('broadcast.changed', update);
  bridge
    .request('broadcast.get', {})
    .then(update)
    .catch(() => undefined);
  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: async (sessionIds) => {
      update(await bridge.request('broadcast.set', { sessionIds: [...sessionIds] }));
    },
    isTarget: (sessionId) => state.targets.some((t) => t.sessionId === sessionId),
  };
}
