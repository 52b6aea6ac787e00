import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Bridge } from '../bridge/bridge';
import type { AppState, AppStore } from '../stores/app-store';

export interface AppContextValue {
  readonly bridge: Bridge;
  readonly store: AppStore;
}

export const AppContext = createContext<AppContextValue | null>(null);

/** The bridge and store of the running app; components get them here, never from globals. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp() outside <AppContext.Provider>');
  return value;
}

/** Subscribes a component to one slice of the app state. */
export function useAppState<T>(select: (state: AppState) => T): T {
  const { store } = useApp();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
