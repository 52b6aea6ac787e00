/**
 * The TerminalService: wires the shared output batcher, the event streams (terminal-events.ts),
 * the notifications (terminal-notices.ts) and the routing of the contract's terminal requests
 * (session-routing.ts) to the sessions, one per job, kept in the SessionRegistry.
 */
import type { AppNotification, Settings } from '../../../shared/models';
import { createGitlabClient, type GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, HttpTransport, Logger } from '../ports';
import type { AccountAccess, AccountConnection, Unsubscribe } from '../services';
import type { TerminalServiceWithStats } from './service-with-stats';
import type { FlowLimits } from './flow-control';
import type { HoldTracker } from '../hold/hold-seam';
import { OutputBatcher } from './output-batcher';
import type { SocketFactory } from './socket';
import type { SessionEnv, SessionTarget } from './session-env';
import { createSessionOpener } from './session-opener';
import { SessionRegistry } from './session-registry';
import { routeSessionRequests } from './session-routing';
import { createTerminalEvents, type TerminalEvents } from './terminal-events';
import { createTerminalNotices } from './terminal-notices';
import { TerminalSession } from './terminal-session';
import { DEFAULT_TUNING, type TerminalTuning } from './tuning';

export { SESSIONS_COALESCE_MS } from './terminal-events';

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

export type { FlowStats, TerminalServiceWithStats } from './service-with-stats';

/** Creates the terminal service. */
export function createTerminalService(deps: TerminalServiceDeps): TerminalServiceWithStats {
  const { accounts, clock, logger } = deps;
  const tuning: TerminalTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const userAgent = `Jobshell/${deps.version}`;
  const registry = new SessionRegistry(logger);
  const events = createTerminalEvents(clock, () => registry.list());
  let disposed = false;
  const batcher = new OutputBatcher(clock, events.output);

  // The whole connection, token scopes included: a write must never go with a read-only token.
  const client = (connection: AccountConnection): GitlabClient =>
    createGitlabClient(deps.http, connection, { userAgent, clock });

  const routed = routeSessionRequests(registry);
  const notices = createTerminalNotices({
    logger,
    release: routed.release,
    keep: routed.keep,
    focus: (sessionId) => {
      if (registry.get(sessionId) !== undefined) events.focus(sessionId);
    },
    publish: events.notification,
    ...(deps.holdNotifications === undefined ? {} : { holdNotifications: deps.holdNotifications }),
  });

  const open = createSessionOpener({
    accounts,
    registry,
    client,
    start: sessionStarter({
      shared: sharedSessionEnv(deps, tuning, userAgent, client),
      accounts,
      registry,
      batcher,
      events,
    }),
    focus: events.focus,
    isDisposed: () => disposed,
    foreignAddress: notices.foreignAddress,
    refuseOthersJobs: deps.refuseOthersJobs ?? true,
  });

  return {
    open,
    list: () => registry.list(),
    ...routed,
    ...events.subscriptions,
    close: (sessionId) => {
      // Before it goes: the attach history reads its last state and transcript (issue 15).
      const closing = registry.get(sessionId);
      if (closing !== undefined) events.closing(closing.view());
      if (registry.close(sessionId, (id) => batcher.discard(id))) events.sessionsChanged();
    },
    notificationAction: notices.act,
    resumed: () => {
      logger.log('info', 'resumed after sleep or a clock jump: checking terminals once');
      for (const view of registry.list()) registry.get(view.id)?.resumed();
    },
    dispose: async () => {
      disposed = true;
      notices.dispose();
      events.dispose();
      const closing = registry.disposeAll();
      batcher.dispose();
      await closing;
    },
  };
}

/** Creates, registers and starts the session of a resolved job (the opener decides when). */
function sessionStarter(context: {
  readonly shared: SharedSessionEnv;
  readonly accounts: AccountAccess;
  readonly registry: SessionRegistry;
  readonly batcher: OutputBatcher;
  readonly events: TerminalEvents;
}): (key: string, target: SessionTarget) => TerminalSession {
  const { accounts, registry, batcher, events } = context;
  let sequence = 0;
  return (key, target) => {
    sequence += 1;
    const id = `t${sequence}-${target.jobId}`;
    const session = new TerminalSession(id, target, {
      ...context.shared,
      connection: () => accounts.connection(target.accountId),
      reportAuthFailure: (source) => {
        accounts.reportAuthFailure(target.accountId, source);
      },
      output: (data) => {
        batcher.push(id, data);
      },
      changed: events.sessionsChanged,
      followedLog: events.log,
      previousClosed: () => registry.previousClosed(key),
    });
    registry.add(key, session);
    session.start();
    events.sessionsChanged();
    return session;
  };
}

/** What every session of this service shares; the rest of its SessionEnv is its own. */
type SharedSessionEnv = Pick<
  SessionEnv,
  | 'clock'
  | 'logger'
  | 'tuning'
  | 'random'
  | 'createSocket'
  | 'userAgent'
  | 'markers'
  | 'flowLimits'
  | 'holdTracker'
  | 'client'
>;

function sharedSessionEnv(
  deps: TerminalServiceDeps,
  tuning: TerminalTuning,
  userAgent: string,
  client: SessionEnv['client'],
): SharedSessionEnv {
  return {
    clock: deps.clock,
    logger: deps.logger,
    tuning,
    random: deps.random ?? Math.random,
    createSocket: deps.createSocket,
    userAgent,
    markers: deps.markers ?? true,
    ...(deps.flowLimits === undefined ? {} : { flowLimits: deps.flowLimits }),
    ...(deps.holdTracker === undefined ? {} : { holdTracker: deps.holdTracker }),
    client,
  };
}
