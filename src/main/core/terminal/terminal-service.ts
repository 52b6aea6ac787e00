/**
 * The TerminalService: the shared output batcher and event streams, and the routing of the
 * contract's terminal requests to the sessions (one per job, kept in the SessionRegistry).
 */
import type {
  AppNotification,
  LogUpdate,
  OutputChunk,
  SessionView,
  Settings,
} from '../../../shared/models';
import { createGitlabClient, type GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, HttpTransport, Logger, TimerHandle } from '../ports';
import type { AccountAccess, AccountConnection, TerminalService, Unsubscribe } from '../services';
import type { FlowLimits } from './flow-control';
import type { HoldTracker } from '../hold/hold-seam';
import { foreignAddressNotification } from './address-notice';
import { NotificationRouter } from '../hold/notification-routing';
import { OutputBatcher } from './output-batcher';
import type { SocketFactory } from './socket';
import type { SessionTarget } from './session-env';
import { createSessionOpener } from './session-opener';
import { SessionRegistry } from './session-registry';
import { TerminalSession } from './terminal-session';
import { DEFAULT_TUNING, type TerminalTuning } from './tuning';

/**
 * Session-list events are coalesced for one 60 Hz frame: a reconnect changes state several times
 * within milliseconds, and the renderer only needs the latest list.
 */
export const SESSIONS_COALESCE_MS = 16;

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
  /**
   * Default true: opening another user's job fails at once with the reason, and no tab opens.
   * false: a session starts and ends with that reason, as the CLI wants (its exit code 3 comes
   * from the session's close reason).
   */
  readonly refuseOthersJobs?: boolean;
}

export interface TerminalServiceDeps extends TerminalServiceOptions {
  readonly accounts: AccountAccess;
  readonly http: HttpTransport;
  /** Opens terminal sockets (src/main/node/ws-socket.ts in production). */
  readonly createSocket: SocketFactory;
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

/** Creates the terminal service. */
export function createTerminalService(deps: TerminalServiceDeps): TerminalServiceWithStats {
  const { accounts, clock, logger } = deps;
  const tuning: TerminalTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const userAgent = `Jobshell/${deps.version}`;
  const registry = new SessionRegistry(logger);
  const sessionListeners = new Set<(sessions: readonly SessionView[]) => void>();
  const outputListeners = new Set<(chunks: readonly OutputChunk[]) => void>();
  const logListeners = new Set<(update: LogUpdate) => void>();
  const notificationListeners = new Set<(notification: AppNotification) => void>();
  const focusListeners = new Set<(sessionId: string) => void>();
  const closingListeners = new Set<(session: SessionView) => void>();
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

  const sessionsChanged = (): void => {
    if (sessionsTimer !== null || disposed) return;
    sessionsTimer = clock.setTimeout(() => {
      sessionsTimer = null;
      const views = registry.list();
      for (const listener of sessionListeners) listener(views);
    }, SESSIONS_COALESCE_MS);
  };

  const focus = (sessionId: string): void => {
    for (const listener of focusListeners) listener(sessionId);
  };

  const release = (sessionId: string): void => {
    registry.withSession(sessionId, 'release', (session) => {
      session.release();
    });
  };

  const keep = (sessionId: string): void => {
    registry.withSession(sessionId, 'keep', (session) => {
      session.keep();
    });
  };

  const router = new NotificationRouter(logger, {
    release,
    keep,
    focus: (sessionId) => {
      if (registry.get(sessionId) !== undefined) focus(sessionId);
    },
  });

  /** Remembers which session a notification's actions apply to, and passes it on. */
  const notify = (notification: AppNotification): void => {
    router.remember(notification);
    for (const listener of notificationListeners) listener(notification);
  };
  const stopHoldNotifications = deps.holdNotifications?.(notify) ?? null;

  /** Creates, registers and starts the session of a resolved job. */
  const startSession = (key: string, target: SessionTarget): TerminalSession => {
    sequence += 1;
    const id = `t${sequence}-${target.jobId}`;
    const session = new TerminalSession(id, target, {
      clock,
      logger,
      tuning,
      random: deps.random ?? Math.random,
      createSocket: deps.createSocket,
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
      previousClosed: () => registry.previousClosed(key),
    });
    registry.add(key, session);
    session.start();
    sessionsChanged();
    return session;
  };

  /** Accounts already told that GitLab names another address: once per account and run. */
  const toldForeign = new Set<string>();
  const open = createSessionOpener({
    accounts,
    registry,
    client,
    start: startSession,
    focus,
    isDisposed: () => disposed,
    foreignAddress: (connection, notice) => {
      if (toldForeign.has(connection.accountId)) return;
      toldForeign.add(connection.accountId);
      logger.log('warn', 'job web_url outside the account address', {
        accountId: connection.accountId,
      });
      notify(foreignAddressNotification(connection.accountId, notice));
    },
    refuseOthersJobs: deps.refuseOthersJobs ?? true,
  });

  return {
    open,
    list: () => registry.list(),
    close: (sessionId) => {
      // Before it goes: the attach history reads its last state and transcript (issue 15).
      const closing = registry.get(sessionId);
      if (closing !== undefined) for (const listener of closingListeners) listener(closing.view());
      if (registry.close(sessionId, (id) => batcher.discard(id))) sessionsChanged();
    },
    reconnect: (sessionId) => {
      registry.find(sessionId).reconnect();
    },
    release,
    closeAccount: (accountId, closeReason) => {
      registry.closeAccount(accountId, closeReason);
    },
    releaseAllIdle: () => registry.releaseAllIdle(),
    keep,
    syncSize: (sessionId, cols, rows) => {
      registry.find(sessionId).syncSize(cols, rows);
    },
    transcript: (sessionId, format) => registry.find(sessionId).transcript(format),
    log: (sessionId, follow) => registry.find(sessionId).log(follow),
    input: (sessionId, data) => {
      registry.withSession(sessionId, 'input', (session) => {
        session.input(data);
      });
    },
    paste: (sessionId, data, bracketed) => {
      registry.withSession(sessionId, 'paste', (session) => {
        session.paste(data, bracketed);
      });
    },
    ack: (sessionId, bytes) => {
      // Acks for a closed tab may still be in flight: nothing to do.
      registry.get(sessionId)?.ack(bytes);
    },
    onSessions: (listener) => subscribe(sessionListeners, listener),
    onOutput: (listener) => subscribe(outputListeners, listener),
    onLog: (listener) => subscribe(logListeners, listener),
    onNotification: (listener) => subscribe(notificationListeners, listener),
    onFocus: (listener) => subscribe(focusListeners, listener),
    onClosing: (listener) => subscribe(closingListeners, listener),
    notificationAction: (notificationId, action) => {
      router.act(notificationId, action);
    },
    resumed: () => {
      logger.log('info', 'resumed after sleep or a clock jump: checking terminals once');
      for (const view of registry.list()) registry.get(view.id)?.resumed();
    },
    flowStats: (sessionId) => {
      const session = registry.get(sessionId);
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
      const closing = registry.disposeAll();
      batcher.dispose();
      await closing;
    },
  };
}

function subscribe<T>(set: Set<T>, listener: T): Unsubscribe {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
