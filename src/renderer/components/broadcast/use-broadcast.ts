import { useEffect, useSyncExternalStore } from 'react';
import type { BroadcastView } from '../../../shared/broadcast-models';
import { useApp } from '../../hooks/app-context';
import { broadcastStoreFor, type BroadcastStore } from './broadcast-store';
import { isStopBroadcastKey } from './broadcast-shortcut';
import { IS_MAC } from '../../keys/platform';

/** The broadcast targets and the store that changes them. */
export function useBroadcast(): { readonly view: BroadcastView; readonly store: BroadcastStore } {
  const { bridge } = useApp();
  const store = broadcastStoreFor(bridge);
  const view = useSyncExternalStore(store.subscribe, store.getState);
  return { view, store };
}

/** The stop-broadcasting shortcut, on the whole window (also inside a terminal) while broadcasting. */
export function useStopBroadcastShortcut(store: BroadcastStore, broadcasting: boolean): void {
  useEffect(() => {
    if (!broadcasting) return;
    const onKey = (event: KeyboardEvent): void => {
      if (!isStopBroadcastKey(event, IS_MAC)) return;
      event.preventDefault();
      event.stopPropagation();
      void store.set([]).catch(() => undefined);
    };
    // Capture phase: before xterm could type it into the shells.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
    };
  }, [store, broadcasting]);
}
