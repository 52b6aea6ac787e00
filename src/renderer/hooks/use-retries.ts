import { useSyncExternalStore } from 'react';
import type { RetryView } from '../../shared/models';
import { retryStoreOf } from '../stores/retry-store';
import { useApp } from './app-context';

/** Every retry with terminal in progress or recently ended. */
export function useRetries(): readonly RetryView[] {
  const { bridge } = useApp();
  const store = retryStoreOf(bridge);
  return useSyncExternalStore(store.subscribe, store.get);
}
