/**
 * The TerminalService: one session per job (keyed account/job, never two sockets to one job), the
 * shared output batcher, and the routing of the contract's terminal requests to sessions.
 */
import { ContractError, type RequestParams, type RequestResult } from '../../../shared/contract';
import type {
  AppNotification,
  CloseReason,
  LogUpdate,
  OutputChunk,
  SessionView,
  Settings,
} from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';
import { createGitlabClient, type GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, HttpTransport, Logger, TimerHandle } from '../ports';
import type { AccountAccess, AccountConnection, TerminalService, Unsubscribe } from '../services';
import type { FlowLimits } from './flow-control';
import type { HoldTracker } from './hold';
import { toContractError } from './job-facts';
import { locateJobUrl, projectIdOf, resolveTarget } from './open-target';
import { OutputBatcher } from './output-batcher';
import { createWsSocket, type SocketFactory } from './socket';
import type { SessionTarget } from './session-env';
import { TerminalSession } from './terminal-session';
import { DEFAULT_TUNING, type TerminalTuning } from './tuning';

/**
 * Session-list events are coalesced for one 60 Hz frame: a reconnect changes state several times
 * within milliseconds, and the renderer only needs the latest list.
 */
export const SESSIONS_COALESCE_MS = 16;
/** Notification ids remembered for their actions; older ones have long been dismissed. */
const MAX_TRACKED_NOTIFICATIONS = 200;

/** Optional hooks: tests and benchmarks tune timing and replace the socket; production uses defaults. */
export interface TerminalServiceOptions {
  readonly tuning?: Partial<TerminalTuning>;
  readonly createSocket?: SocketFactory;
  /** For reconnect jitter. */
  readonly random?: () => number;
  readonly holdTracker?: HoldTracker;
  /** The hold feature's notifications: one stream for all sessions, so it can throttle bursts. */
  readonly holdNotifications?: (listener: (notification: AppNotification) => void) => Unsubscribe;
  readonly flowLimits?: FlowLimits;
  /**
   * false: the core writes no lines of its own into the output (session ended, reconnected, output
   * dropped), for a client that reports them itself from the session views, like the CLI whose
   * stdout must carry the job's bytes only. Default true: the tab's scrollback tells the story.
   */
  readonly markers?: boolean;
}

export interface TerminalServiceDeps extends TerminalServiceOptions {
  readonly accounts: AccountAccess;
  readonly http: HttpTransport;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: () => Settings;
  /** App version for the User-Agent. */
  readonly version: string;
}

/** Back-pressure counters of one session, for tests and benchmarks (quality P2). */
export interface FlowStats {
  readonly unackedBytes: number;
  readonly paused: boolean;
  readonly droppedBytes: number;
  readonly hasSocket: boolean;
}

export interface TerminalServiceWithStats extends TerminalService {
  flowStats(sessionId: string): FlowStats | null;
}

type OpenTarget = RequestParams<'terminal.open'>['target'];
type OpenResult = RequestResult<'terminal.open'>;

/** Creates the terminal service. */
export function createTerminalService(deps: TerminalServiceDeps): TerminalServiceWithStats {
  const { accounts, clock, logger } = deps;
  const tuning: TerminalTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const userAgent = `Jobshell/${deps.version}`;
  const sessions = new Map<string, TerminalSession>();
  const byKey = new Map<string, string>();
  const opening = new Map<string, Promise<OpenResult>>();
  /** Sockets of closed tabs still finishing their close, by job key: a new tab waits for them. */
  const draining = new Map<string, Promise<void>>();
  const notificationSessions = new Map<string, string>();
  const sessionListeners = new Set<(sessions: readonly SessionView[]) => void>();
  const outputListeners = new Set<(chunks: readonly OutputChunk[]) => void>();
  const logListeners = new Set<(update: LogUpdate) => void>();
  const notificationListeners = new Set<(notification: AppNotification) => void>();
  const focusListeners = new Set<(sessionId: string) => void>();
  let sessionsTimer: TimerHandle | null = null;
  let sequence = 0;
  let disposed = false;

  const batcher = new OutputBatcher(clock, (chunks) => {
    for (const listener of outputListeners) listener(chunks);
  });

  const client = (connection: AccountConnection): GitlabClient =>
    createGitlabClient(
      deps.http,
      {
        baseUrl: connection.baseUrl,
        cookieHeader: connection.cookieHeader,
        token: connection.token,
        network: connection.network,
      },
      { userAgent, clock },
    );

  const list = (): readonly SessionView[] => [...sessions.values()].map((s) => s.view());

  const sessionsChanged = (): void => {
    if (sessionsTimer !== null || disposed) return;
    sessionsTimer = clock.setTimeout(() => {
      sessionsTimer = null;
      const views = list();
      for (const listener of sessionListeners) listener(views);
    }, SESSIONS_COALESCE_MS);
  };

  const focus = (sessionId: string): void => {
    for (const listener of focusListeners) listener(sessionId);
  };

  const find = (sessionId: string): TerminalSession => {
    const session = sessions.get(sessionId);
    if (session === undefined) {
      throw new ContractError(
        'not-found',
        'This terminal session no longer exists: it was closed.',
      );
    }
    return session;
  };

  /** For fire-and-forget notifications (keystrokes, acks): an unknown session is logged, not thrown. */
  const withSession = (
    sessionId: string,
    what: string,
    action: (session: TerminalSession) => void,
  ): void => {
    const session = sessions.get(sessionId);
    if (session === undefined) {
      logger.log('debug', `terminal ${what} for an unknown session ignored`, { sessionId });
      return;
    }
    action(session);
  };

  const rememberNotification = (notification: AppNotification): void => {
    if (notification.sessionId === null) return;
    notificationSessions.set(notification.id, notification.sessionId);
    if (notificationSessions.size > MAX_TRACKED_NOTIFICATIONS) {
      const oldest = notificationSessions.keys().next();
      if (oldest.done !== true) notificationSessions.delete(oldest.value);
    }
  };

  /** Remembers which session a notification's actions apply to, and passes it on. */
  const notify = (notification: AppNotification): void => {
    rememberNotification(notification);
    for (const listener of notificationListeners) listener(notification);
  };
  const stopHoldNotifications = deps.holdNotifications?.(notify) ?? null;

  const createSession = (key: string, target: SessionTarget): TerminalSession => {
    sequence += 1;
    const id = `t${sequence}-${target.jobId}`;
    const session = new TerminalSession(id, target, {
      clock,
      logger,
      tuning,
      random: deps.random ?? Math.random,
      createSocket: deps.createSocket ?? createWsSocket,
      userAgent,
      markers: deps.markers ?? true,
      ...(deps.flowLimits === undefined ? {} : { flowLimits: deps.flowLimits }),
      ...(deps.holdTracker === undefined ? {} : { holdTracker: deps.holdTracker }),
      connection: () => accounts.connection(target.accountId),
      client,
      reportAuthFailure: (source) => {
        accounts.reportAuthFailure(target.accountId, source);
      },
      output: (data) => {
        batcher.push(id, data);
      },
      changed: sessionsChanged,
      followedLog: (update) => {
        for (const listener of logListeners) listener(update);
      },
      previousClosed: () => draining.get(key) ?? Promise.resolve(),
    });
    sessions.set(id, session);
    byKey.set(key, id);
    return session;
  };

  /** The existing tab for a job, focused (and reconnected if it had ended). */
  const existing = (key: string): OpenResult | null => {
    const id = byKey.get(key);
    const session = id === undefined ? undefined : sessions.get(id);
    if (session === undefined) return null;
    // Opening a job whose tab has ended means "connect again", not "show me the old reason".
    if (session.view().state.kind === 'closed') session.reconnect();
    focus(session.id);
    return { sessionId: session.id, existed: true };
  };

  const openOnce = (key: string, resolve: () => Promise<SessionTarget>): Promise<OpenResult> => {
    const found = existing(key);
    if (found !== null) return Promise.resolve(found);
    // Two quick clicks resolve the job once and share the result: still one session, one socket.
    const pending = opening.get(key);
    if (pending !== undefined) return pending;
    const promise = (async (): Promise<OpenResult> => {
      let target: SessionTarget;
      try {
        target = await resolve();
      } catch (error) {
        throw toContractError(error);
      }
      if (disposed) throw new ContractError('unavailable', 'Jobshell is shutting down.');
      const session = createSession(key, target);
      session.start();
      sessionsChanged();
      focus(session.id);
      return { sessionId: session.id, existed: false };
    })().finally(() => {
      opening.delete(key);
    });
    opening.set(key, promise);
    return promise;
  };

  const open = (target: OpenTarget): Promise<OpenResult> => {
    switch (target.kind) {
      case 'url':
        return openUrl(target.url);
      case 'job':
        return openJob(target.accountId, target.projectId, target.jobId);
      default:
        return assertNever(target, 'open target');
    }
  };

  const openUrl = async (input: string): Promise<OpenResult> => {
    const { connection, projectPath, jobId } = locateJobUrl(accounts, input);
    return openOnce(keyOf(connection.accountId, jobId), async () => {
      const gitlab = client(connection);
      const projectId = await projectIdOf(gitlab, projectPath);
      return resolveTarget(connection, gitlab, projectId, jobId, projectPath);
    });
  };

  const openJob = (accountId: string, projectId: number, jobId: number): Promise<OpenResult> => {
    const connection = accounts.connection(accountId);
    if (connection === null) {
      const message = 'That account is not signed in: sign in again, then open the terminal.';
      return Promise.reject(new ContractError('auth', message));
    }
    return openOnce(keyOf(accountId, jobId), () =>
      resolveTarget(connection, client(connection), projectId, jobId, null),
    );
  };

  const close = (sessionId: string): void => {
    const session = sessions.get(sessionId);
    if (session === undefined) return;
    sessions.delete(sessionId);
    const key = keyOf(session.target.accountId, session.target.jobId);
    if (byKey.get(key) === sessionId) byKey.delete(key);
    batcher.discard(sessionId);
    const before = draining.get(key) ?? Promise.resolve();
    const done = Promise.all([before, session.dispose()]).then(() => undefined);
    draining.set(key, done);
    void done.then(() => {
      if (draining.get(key) === done) draining.delete(key);
    });
    sessionsChanged();
  };

  const release = (sessionId: string): void => {
    withSession(sessionId, 'release', (session) => {
      session.release();
    });
  };

  const closeAccount = (accountId: string, closeReason: CloseReason): void => {
    for (const session of sessions.values()) {
      if (session.target.accountId === accountId) session.endWith(closeReason);
    }
  };

  const keep = (sessionId: string): void => {
    withSession(sessionId, 'keep', (session) => {
      session.keep();
    });
  };

  return {
    open,
    list,
    close,
    reconnect: (sessionId) => {
      find(sessionId).reconnect();
    },
    release,
    closeAccount,
    releaseAllIdle: () => {
      let released = 0;
      for (const session of sessions.values()) {
        const hold = session.hold();
        if (hold?.idle === true && !hold.kept) {
          session.release();
          released += 1;
        }
      }
      return released;
    },
    keep,
    syncSize: (sessionId, cols, rows) => {
      find(sessionId).syncSize(cols, rows);
    },
    transcript: (sessionId, format) => find(sessionId).transcript(format),
    log: (sessionId, follow) => find(sessionId).log(follow),
    input: (sessionId, data) => {
      withSession(sessionId, 'input', (session) => {
        session.input(data);
      });
    },
    paste: (sessionId, data, bracketed) => {
      withSession(sessionId, 'paste', (session) => {
        session.paste(data, bracketed);
      });
    },
    ack: (sessionId, bytes) => {
      const session = sessions.get(sessionId);
      // Acks for a closed tab may still be in flight: nothing to do.
      session?.ack(bytes);
    },
    onSessions: (listener) => subscribe(sessionListeners, listener),
    onOutput: (listener) => subscribe(outputListeners, listener),
    onLog: (listener) => subscribe(logListeners, listener),
    onNotification: (listener) => subscribe(notificationListeners, listener),
    onFocus: (listener) => subscribe(focusListeners, listener),
    notificationAction: (notificationId, action) => {
      const sessionId = notificationSessions.get(notificationId);
      if (sessionId === undefined) {
        logger.log('debug', 'notification action for an unknown notification ignored', {
          notificationId,
          action,
        });
        return;
      }
      switch (action) {
        case 'release':
          release(sessionId);
          return;
        case 'keep':
          keep(sessionId);
          return;
        case 'focus':
          if (sessions.has(sessionId)) focus(sessionId);
          return;
        default:
          assertNever(action, 'notification action');
      }
    },
    flowStats: (sessionId) => {
      const session = sessions.get(sessionId);
      if (session === undefined) return null;
      return {
        unackedBytes: session.unackedBytes,
        paused: session.paused,
        droppedBytes: session.view().droppedBytes,
        hasSocket: session.hasSocket,
      };
    },
    dispose: async () => {
      disposed = true;
      stopHoldNotifications?.();
      if (sessionsTimer !== null) clock.clearTimeout(sessionsTimer);
      sessionsTimer = null;
      const closing = [...sessions.values()].map((session) => session.dispose());
      sessions.clear();
      byKey.clear();
      batcher.dispose();
      await Promise.all([...closing, ...draining.values()]);
      draining.clear();
    },
  };
}

function keyOf(accountId: string, jobId: number): string {
  return `${accountId}/${jobId}`;
}

function subscribe<T>(set: Set<T>, listener: T): Unsubscribe {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
