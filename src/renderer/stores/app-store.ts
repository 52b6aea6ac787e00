/**
 * The renderer's view of the core: accounts, jobs, sessions, settings and notifications, kept
 * current from pushed events. Terminal bytes never pass through here (see terminal components).
 */
import type { Bridge } from '../bridge/bridge';
import type { RequestName, RequestResult } from '../../shared/contract';
import { EMPTY_JOB_TERMINALS, type JobTerminalsSnapshot } from '../../shared/job-terminal';
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
  /** The core's one model of each job's terminal; every surface renders from it. */
  readonly jobTerminals: JobTerminalsSnapshot;
  readonly settings: Settings | null;
  /** In-app toasts (browser mode, and echoes of desktop notifications); hold alerts excepted. */
  readonly toasts: readonly AppNotification[];
  /** Hold alerts the user dismissed here (they stay in the model until their hold ends). */
  readonly dismissedAlerts: ReadonlySet<string>;
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
  /** A short message in a toast of its own (e.g. why an alert's action did nothing). */
  readonly showNotice: (title: string, body: string) => void;
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
  jobTerminals: EMPTY_JOB_TERMINALS,
  settings: null,
  toasts: [],
  dismissedAlerts: new Set(),
  activeSessionId: null,
  disconnected: false,
  loaded: false,
};

/**
 * Alerts that announce a hold are not kept as toasts: the toast view renders them from the job
 * terminal model, so they live exactly as long as the model lists them.
 */
const HOLD_ALERT_KINDS: ReadonlySet<AppNotification['kind']> = new Set([
  'held-idle',
  'hold-reminder',
  'summary',
]);

/**
 * Creates the store and subscribes it to the bridge's events. Race-free start (issue 17 item 3):
 * it subscribes first, then asks for each slice; an answer is applied the moment it arrives (the
 * transport delivers answers and events in order, so it is the newest at that moment), never held
 * back for the others, and the job terminal model only ever moves to a higher version.
 */
export function createAppStore(bridge: Bridge): AppStore {
  let state = initialState;
  let notices = 0;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<AppState>): void => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  const setJobTerminals = (snapshot: JobTerminalsSnapshot): void => {
    if (snapshot.version <= state.jobTerminals.version && state.jobTerminals.version !== 0) return;
    set({ jobTerminals: snapshot });
  };
  const setSessions = (sessions: readonly SessionView[]): void => {
    const activeStillThere = sessions.some((s) => s.id === state.activeSessionId);
    set({
      sessions,
      activeSessionId: activeStillThere ? state.activeSessionId : (sessions.at(-1)?.id ?? null),
    });
  };

  applyEvents(bridge, { state: () => state, set, setSessions, setJobTerminals });

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
      set({
        toasts: state.toasts.filter((t) => t.id !== id),
        dismissedAlerts: new Set(state.dismissedAlerts).add(id),
      });
    },
    showNotice: (title, body) => {
      notices += 1;
      const notice: AppNotification = {
        id: `notice:${notices}`,
        kind: 'session-ended',
        title,
        body,
        sessionId: null,
        actions: [],
      };
      set({ toasts: [...state.toasts, notice].slice(-MAX_TOASTS) });
    },
    load: async () => {
      const slice = <M extends RequestName>(
        method: M,
        apply: (value: RequestResult<M>) => void,
      ): Promise<void> => bridge.request(method, {} as never).then(apply);
      await Promise.all([
        slice('app.info', (info) => set({ info })),
        slice('accounts.list', (accounts) => set({ accounts })),
        slice('jobs.get', (jobs) => set({ jobs })),
        slice('terminal.list', setSessions),
        slice('jobTerminals.get', setJobTerminals),
        slice('settings.get', (settings) => set({ settings })),
      ]);
      set({ loaded: true });
    },
  };
}

/** How the store changes: the whole-state patch, and the two slices with rules of their own. */
interface StoreUpdates {
  readonly state: () => AppState;
  readonly set: (patch: Partial<AppState>) => void;
  readonly setSessions: (sessions: readonly SessionView[]) => void;
  readonly setJobTerminals: (snapshot: JobTerminalsSnapshot) => void;
}

/** Applies each pushed event to the store the moment it arrives. */
function applyEvents(bridge: Bridge, updates: StoreUpdates): void {
  bridge.on('app.changed', (info) => {
    updates.set({ info });
  });
  bridge.on('accounts.changed', (accounts) => {
    updates.set({ accounts });
  });
  bridge.on('jobs.changed', (jobs) => {
    updates.set({ jobs });
  });
  bridge.on('sessions.changed', updates.setSessions);
  bridge.on('jobTerminals.changed', updates.setJobTerminals);
  bridge.on('settings.changed', (settings) => {
    updates.set({ settings });
  });
  bridge.on('session.focus', ({ sessionId }) => {
    updates.set({ activeSessionId: sessionId });
  });
  bridge.on('notification', (notification) => {
    if (HOLD_ALERT_KINDS.has(notification.kind)) return;
    const others = updates.state().toasts.filter((t) => t.id !== notification.id);
    updates.set({ toasts: [...others, notification].slice(-MAX_TOASTS) });
  });
  bridge.onDisconnect(() => {
    updates.set({ disconnected: true });
  });
}
