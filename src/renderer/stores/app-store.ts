/**
 * The renderer's view of the core: accounts, jobs, sessions, settings and notifications, kept
 * current from pushed events. Terminal bytes never pass through here (see terminal components).
 */
import type { Bridge } from '../bridge/bridge';
import type {
  AccountJobs,
  AccountView,
  AppInfo,
  AppNotification,
  SessionView,
  Settings,
} from '../../shared/models';

export interface AppState {
  readonly info: AppInfo | null;
  readonly accounts: readonly AccountView[];
  readonly jobs: readonly AccountJobs[];
  readonly sessions: readonly SessionView[];
  readonly settings: Settings | null;
  /** In-app toasts (browser mode, and echoes of desktop notifications). */
  readonly toasts: readonly AppNotification[];
  readonly activeSessionId: string | null;
  readonly disconnected: boolean;
  readonly loaded: boolean;
}

/** Property signatures (not methods) so `store.subscribe` can be handed around unbound. */
export interface AppStore {
  readonly getState: () => AppState;
  readonly subscribe: (listener: () => void) => () => void;
  readonly setActiveSession: (sessionId: string | null) => void;
  readonly dismissToast: (id: string) => void;
  /** Fetches the initial state; events keep it current afterwards. */
  readonly load: () => Promise<void>;
}

/** Most toasts a user can meaningfully read at once; older ones are dropped first. */
const MAX_TOASTS = 4;

const initialState: AppState = {
  info: null,
  accounts: [],
  jobs: [],
  sessions: [],
  settings: null,
  toasts: [],
  activeSessionId: null,
  disconnected: false,
  loaded: false,
};

/** Creates the store and subscribes it to the bridge's events. */
export function createAppStore(bridge: Bridge): AppStore {
  let state = initialState;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<AppState>): void => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };

  bridge.on('app.changed', (info) => {
    set({ info });
  });
  bridge.on('accounts.changed', (accounts) => {
    set({ accounts });
  });
  bridge.on('jobs.changed', (jobs) => {
    set({ jobs });
  });
  bridge.on('sessions.changed', (sessions) => {
    const activeStillThere = sessions.some((s) => s.id === state.activeSessionId);
    set({
      sessions,
      activeSessionId: activeStillThere ? state.activeSessionId : (sessions.at(-1)?.id ?? null),
    });
  });
  bridge.on('settings.changed', (settings) => {
    set({ settings });
  });
  bridge.on('session.focus', ({ sessionId }) => {
    set({ activeSessionId: sessionId });
  });
  bridge.on('notification', (notification) => {
    const others = state.toasts.filter((t) => t.id !== notification.id);
    set({ toasts: [...others, notification].slice(-MAX_TOASTS) });
  });
  bridge.onDisconnect(() => {
    set({ disconnected: true });
  });

  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setActiveSession: (sessionId) => {
      set({ activeSessionId: sessionId });
    },
    dismissToast: (id) => {
      set({ toasts: state.toasts.filter((t) => t.id !== id) });
    },
    load: async () => {
      const [info, accounts, jobs, sessions, settings] = await Promise.all([
        bridge.request('app.info', {}),
        bridge.request('accounts.list', {}),
        bridge.request('jobs.get', {}),
        bridge.request('terminal.list', {}),
        bridge.request('settings.get', {}),
      ]);
      set({
        info,
        accounts,
        jobs,
        sessions,
        settings,
        loaded: true,
        activeSessionId: sessions.at(-1)?.id ?? null,
      });
    },
  };
}
