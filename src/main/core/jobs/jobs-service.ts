/**
 * "My running jobs": one poller per signed-in account, one gate per GitLab instance, a cadence that
 * follows the window (hidden and no terminal open: paused), and only real changes pushed out.
 */
import { ContractError } from '../../../shared/contract';
import type { AccountJobs } from '../../../shared/models';
import { toContractError } from '../accounts/verification/user-facing-errors';
import { CsrfTokens } from '../gitlab/csrf-token';
import { createGitlabClient, type GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, HttpTransport, Logger, SettingsStore, TimerHandle } from '../ports';
import type { AccountAccess, AccountConnection, JobsService, Unsubscribe } from '../services';
import { AccountPoller, type PollMode } from './account-poller';
import { InstanceGate } from './instance-gate';
import { readPins, resolvePin, writePins } from './pins';
import { sameValue } from './same-value';
import { FOCUS_REFRESH_DEBOUNCE_MS, FOCUS_REFRESH_MIN_GAP_MS, MAX_PINNED_PROJECTS } from './tuning';

export interface JobsServiceDeps {
  readonly accounts: AccountAccess;
  readonly http: HttpTransport;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Pinned projects live here (key PINNED_PROJECTS_KEY). */
  readonly settings: SettingsStore;
  /** Jitter source; tests pass a seeded one. */
  readonly random?: () => number;
  /** Hours of finished jobs to list (the setting); absent: finished jobs are not swept. */
  readonly finishedWindowHours?: () => number;
  /** How a GitLab client is made for an account; default: the real client over `http`. */
  readonly createClient?: (connection: AccountConnection) => GitlabClient;
}

interface PollerEntry {
  readonly connection: AccountConnection;
  readonly poller: AccountPoller;
  readonly stopGate: () => void;
}

/** Creates the jobs service; nothing is polled before start(). */
export function createJobsService(deps: JobsServiceDeps): JobsService {
  const { accounts, clock, logger, settings } = deps;
  const random = deps.random ?? Math.random;
  // Writes with only a web session carry its CSRF token; one fetch per session, not per click.
  const csrf = new CsrfTokens();
  // A connection carries the client's credentials: base URL, cookie, token with its scopes, network.
  const makeClient =
    deps.createClient ??
    ((c: AccountConnection): GitlabClient => createGitlabClient(deps.http, c, { clock, csrf }));
  const gates = new Map<string, InstanceGate>();
  const pollers = new Map<string, PollerEntry>();
  /**
   * Accounts whose credentials GitLab refused, with the refused connection: shown as errors, and
   * not polled again until the account comes back with different credentials.
   */
  const expired = new Map<
    string,
    { readonly view: AccountJobs; readonly connection: AccountConnection }
  >();
  const listeners = new Set<(jobs: readonly AccountJobs[]) => void>();
  let published: readonly AccountJobs[] = [];
  let visible = true;
  let focused = true;
  let openTerminals = 0;
  let running = false;
  let focusTimer: TimerHandle | null = null;
  let lastFocusRefreshAt = -Infinity;
  let stopAccounts: Unsubscribe | null = null;

  const mode = (): PollMode => (visible ? 'normal' : openTerminals > 0 ? 'slow' : 'paused');

  const gateFor = (baseUrl: string): InstanceGate => {
    const origin = new URL(baseUrl).origin;
    let gate = gates.get(origin);
    if (gate === undefined) {
      gate = new InstanceGate(origin, random);
      gates.set(origin, gate);
    }
    return gate;
  };

  const publish = (): void => {
    if (!running) return;
    const order = accounts.connections().map((c) => c.accountId);
    const views = [...pollers.values()].map((entry) => entry.poller.view());
    const lapsed = [...expired.values()]
      .map((e) => e.view)
      .filter((v) => !pollers.has(v.accountId));
    const next = [...views, ...lapsed]
      .sort((a, b) => rank(order, a.accountId) - rank(order, b.accountId))
      .map((view) =>
        keepUnchanged(
          view,
          published.find((p) => p.accountId === view.accountId),
        ),
      );
    if (sameValue(next, published)) return;
    published = next;
    for (const listener of listeners) listener(published);
  };

  const stopPoller = (accountId: string): void => {
    const entry = pollers.get(accountId);
    if (entry === undefined) return;
    entry.poller.dispose();
    entry.stopGate();
    pollers.delete(accountId);
  };

  const authFailed = (accountId: string): void => {
    const entry = pollers.get(accountId);
    if (entry === undefined) return;
    expired.set(accountId, { view: entry.poller.view(), connection: entry.connection });
    stopPoller(accountId);
    // The accounts service marks the account expired (once) and drops its connection.
    accounts.reportAuthFailure(accountId, 'api');
    publish();
  };

  const startPoller = (connection: AccountConnection): void => {
    const gate = gateFor(connection.baseUrl);
    const poller = new AccountPoller({
      connection,
      client: makeClient(connection),
      gate,
      clock,
      logger,
      random,
      pinned: readPins(settings, connection.accountId),
      onUpdate: publish,
      onAuthFailure: () => {
        authFailed(connection.accountId);
      },
      ...(deps.finishedWindowHours === undefined
        ? {}
        : { finishedWindowHours: deps.finishedWindowHours }),
    });
    const stopGate = gate.onRelease(() => {
      poller.pump();
    });
    pollers.set(connection.accountId, { connection, poller, stopGate });
    poller.setMode(mode());
    poller.pump();
  };

  const sync = (): void => {
    if (!running) return;
    const connections = accounts.connections();
    const ids = new Set(connections.map((c) => c.accountId));
    for (const accountId of [...pollers.keys()]) if (!ids.has(accountId)) stopPoller(accountId);
    for (const connection of connections) {
      const lapsed = expired.get(connection.accountId);
      if (lapsed !== undefined && sameValue(lapsed.connection, connection)) continue;
      expired.delete(connection.accountId);
      const entry = pollers.get(connection.accountId);
      if (entry !== undefined && sameValue(entry.connection, connection)) continue;
      // New credentials, user or network settings: start over with a fresh client.
      stopPoller(connection.accountId);
      startPoller(connection);
    }
    publish();
  };

  const applyMode = (): void => {
    for (const { poller } of pollers.values()) poller.setMode(mode());
  };

  const scheduleFocusRefresh = (): void => {
    if (focusTimer !== null) return;
    focusTimer = clock.setTimeout(() => {
      focusTimer = null;
      const now = clock.now();
      if (now - lastFocusRefreshAt < FOCUS_REFRESH_MIN_GAP_MS) return;
      lastFocusRefreshAt = now;
      for (const { poller } of pollers.values()) poller.refresh('recent');
    }, FOCUS_REFRESH_DEBOUNCE_MS);
  };

  /** The connection and a gate that is open for a user action, or a ContractError saying why not. */
  const actionTarget = (
    accountId: string,
  ): { connection: AccountConnection; client: GitlabClient } => {
    const connection = accounts.connection(accountId);
    if (connection === null) {
      throw new ContractError('auth', 'This account is not signed in: sign in again first.');
    }
    const block = gateFor(connection.baseUrl).block(clock.now());
    if (block?.kind === 'rate-limited') {
      const seconds = Math.ceil((block.until - clock.now()) / 1000);
      throw new ContractError(
        'unavailable',
        `GitLab asked Jobshell to wait; try again in ${seconds} s.`,
      );
    }
    return { connection, client: makeClient(connection) };
  };

  return {
    snapshot: () => published,
    refresh: () => {
      for (const { poller } of pollers.values()) poller.refresh('all');
    },
    pinProject: async (accountId, project) => {
      const { connection, client } = actionTarget(accountId);
      const pin = await resolvePin(client, connection.baseUrl, project);
      const pins = readPins(settings, accountId);
      if (pins.some((p) => p.id === pin.id)) return;
      if (pins.length >= MAX_PINNED_PROJECTS) {
        throw new ContractError(
          'bad-input',
          `At most ${MAX_PINNED_PROJECTS} projects can be pinned to one account.`,
        );
      }
      writePins(settings, accountId, [...pins, pin]);
      pollers.get(accountId)?.poller.addPinned(pin);
    },
    cancel: async (accountId, projectId, jobId) => {
      // A token with `api` writes; without one, the web session does (cookie + CSRF token).
      const { client } = actionTarget(accountId);
      try {
        await client.cancelJob(projectId, jobId);
      } catch (error) {
        throw toContractError(error);
      }
      pollers.get(accountId)?.poller.pollSoon(projectId);
    },
    pollSoon: (accountId, projectId) => {
      pollers.get(accountId)?.poller.pollSoon(projectId);
    },
    setVisibility: (nextVisible, nextFocused) => {
      const gained = (nextVisible && !visible) || (nextFocused && !focused);
      visible = nextVisible;
      focused = nextFocused;
      applyMode();
      if (gained && running) scheduleFocusRefresh();
    },
    setOpenTerminals: (count) => {
      openTerminals = count;
      applyMode();
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => {
      if (running) return;
      running = true;
      stopAccounts = accounts.onConnectionsChanged(sync);
      sync();
    },
    dispose: () => {
      running = false;
      stopAccounts?.();
      stopAccounts = null;
      if (focusTimer !== null) clock.clearTimeout(focusTimer);
      focusTimer = null;
      for (const accountId of [...pollers.keys()]) stopPoller(accountId);
      listeners.clear();
    },
  };
}

function rank(order: readonly string[], accountId: string): number {
  const index = order.indexOf(accountId);
  return index === -1 ? order.length : index;
}

/**
 * The previous entry when nothing but the time of the last good answer moved: every successful
 * poll refreshes that time, and pushing an event per poll would defeat "only changes".
 */
function keepUnchanged(next: AccountJobs, previous: AccountJobs | undefined): AccountJobs {
  if (previous === undefined) return next;
  if (sameValue(next, previous)) return previous;
  const bothOk = next.status === 'ok' && previous.status === 'ok';
  return bothOk && sameValue({ ...next, updatedAt: null }, { ...previous, updatedAt: null })
    ? previous
    : next;
}
