/**
 * "My running jobs": one poller per signed-in account, one gate per GitLab instance, a cadence that
 * follows the window (hidden and no terminal open: paused), and only real changes pushed out.
 */
import type { AccountJobs } from '../../../shared/models';
import { CsrfTokens } from '../gitlab/csrf-token';
import { createGitlabClient, type GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, HttpTransport, Logger, SettingsStore } from '../ports';
import type { AccountAccess, AccountConnection, JobsService, Unsubscribe } from '../services';
import type { PollMode } from './account-poller';
import { createFocusRefresh } from './focus-refresh';
import { createJobActions } from './job-actions';
import { createPollerRegistry } from './poller-registry';
import { sameValue } from './same-value';

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

/** Creates the jobs service; nothing is polled before start(). */
export function createJobsService(deps: JobsServiceDeps): JobsService {
  const { accounts, clock, settings } = deps;
  const random = deps.random ?? Math.random;
  // Writes with only a web session carry its CSRF token; one fetch per session, not per click.
  const csrf = new CsrfTokens();
  // A connection carries the client's credentials: base URL, cookie, token with its scopes, network.
  const makeClient =
    deps.createClient ??
    ((c: AccountConnection): GitlabClient => createGitlabClient(deps.http, c, { clock, csrf }));
  const listeners = new Set<(jobs: readonly AccountJobs[]) => void>();
  let published: readonly AccountJobs[] = [];
  let visible = true;
  let focused = true;
  let openTerminals = 0;
  let running = false;
  let stopAccounts: Unsubscribe | null = null;

  const mode = (): PollMode => (visible ? 'normal' : openTerminals > 0 ? 'slow' : 'paused');

  const publish = (): void => {
    if (!running) return;
    const order = accounts.connections().map((c) => c.accountId);
    const next = orderedViews(order, pollers.views(), published);
    if (sameValue(next, published)) return;
    published = next;
    for (const listener of listeners) listener(published);
  };

  const pollers = createPollerRegistry({ ...deps, random, makeClient, mode, onUpdate: publish });

  const sync = (): void => {
    if (!running) return;
    pollers.sync();
    publish();
  };

  const applyMode = (): void => {
    for (const poller of pollers.pollers()) poller.setMode(mode());
  };

  const focusRefresh = createFocusRefresh(clock, () => {
    for (const poller of pollers.pollers()) poller.refresh('recent');
  });

  return {
    snapshot: () => published,
    refresh: () => {
      for (const poller of pollers.pollers()) poller.refresh('all');
    },
    ...createJobActions({ accounts, clock, settings, makeClient, pollers }),
    pollSoon: (accountId, projectId) => {
      pollers.poller(accountId)?.pollSoon(projectId);
    },
    setVisibility: (nextVisible, nextFocused) => {
      const gained = (nextVisible && !visible) || (nextFocused && !focused);
      visible = nextVisible;
      focused = nextFocused;
      applyMode();
      if (gained && running) focusRefresh.schedule();
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
      focusRefresh.dispose();
      pollers.stopAll();
      listeners.clear();
    },
  };
}

/** The accounts' views in the accounts' order, each unchanged one as the same object as before. */
function orderedViews(
  order: readonly string[],
  views: readonly AccountJobs[],
  published: readonly AccountJobs[],
): readonly AccountJobs[] {
  return [...views]
    .sort((a, b) => rank(order, a.accountId) - rank(order, b.accountId))
    .map((view) =>
      keepUnchanged(
        view,
        published.find((p) => p.accountId === view.accountId),
      ),
    );
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
