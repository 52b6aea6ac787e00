/**
 * Retry with terminal: one entry per original job while it lasts, so a double click, a second
 * window or a pasted URL never retries twice (GitLab itself refuses a second retry of the same job,
 * which covers the CLI in another process). Checks first, retries through the API, then follows.
 */
import { ContractError, type RequestParams } from '../../../shared/contract';
import type { RetryState, RetryVerdict, RetryView } from '../../../shared/models';
import { toContractError } from '../accounts/verification/user-facing-errors';
import { CsrfTokens } from '../gitlab/csrf-token';
import { createGitlabClient, type GitlabClient } from '../gitlab/gitlab-client';
import { isGitlabError } from '../gitlab/gitlab-error';
import type { Clock, HttpTransport, Logger } from '../ports';
import type { AccountAccess, AccountConnection, TerminalService, Unsubscribe } from '../services';
import { locateJobUrl, projectIdOf } from '../terminal/open-target';
import { gatherRetryFacts } from './retry-checks';
import { followRetriedJob, type Follow, type FollowDeps } from './retry-follow';
import { isRetryInProgress } from './retry-flow';
import { ENDED_RETRY_KEEP_MS } from './tuning';
import { retryVerdict } from './verdict';

export type RetryTarget = RequestParams<'retry.start'>['target'];

export interface RetryServiceDeps {
  readonly accounts: AccountAccess;
  readonly http: HttpTransport;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where the new job's tab opens; absent (the CLI): start() only retries, never follows. */
  readonly terminals?: TerminalService;
  readonly userAgent: string;
  /** A job was retried in this project: the job list should look again soon. */
  readonly retried?: (accountId: string, projectId: number) => void;
}

export interface RetryService {
  /** The verdict for retrying this job with a terminal; nothing is retried. */
  check(target: RetryTarget): Promise<RetryVerdict>;
  /** Retries (once) and follows the new job to its terminal; `confirmed` accepts a caveat. */
  start(target: RetryTarget, confirmed: boolean, attach?: boolean): Promise<RetryView>;
  list(): readonly RetryView[];
  onChange(listener: (retries: readonly RetryView[]) => void): Unsubscribe;
  dispose(): void;
}

interface Resolved {
  readonly connection: AccountConnection;
  readonly client: GitlabClient;
  readonly projectId: number;
  readonly jobId: number;
}

interface Entry {
  view: RetryView;
  follow: Follow | null;
}

/** Creates the retry service. */
export function createRetryService(deps: RetryServiceDeps): RetryService {
  const { accounts, clock } = deps;
  const csrf = new CsrfTokens();
  const entries = new Map<string, Entry>();
  const starting = new Map<string, Promise<RetryView>>();
  const listeners = new Set<(retries: readonly RetryView[]) => void>();
  // A connection carries the client's credentials: base URL, cookie, token with its scopes, network.
  const clientOf = (c: AccountConnection): GitlabClient =>
    createGitlabClient(deps.http, c, { clock, csrf, userAgent: deps.userAgent });

  const list = (): readonly RetryView[] => {
    forgetEnded(entries, clock.now());
    return [...entries.values()].map((e) => e.view);
  };

  const changed = (): void => {
    const views = list();
    for (const listener of listeners) listener(views);
  };

  const update = (key: string, state: RetryState, sessionId: string | null): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entry.view = { ...entry.view, state, sessionId: sessionId ?? entry.view.sessionId };
    changed();
  };

  const run = async (
    r: Resolved,
    key: string,
    confirmed: boolean,
    attach: boolean,
  ): Promise<RetryView> => {
    const view = await retryOnce(deps, r, key, confirmed);
    const entry: Entry = { view, follow: null };
    entries.set(key, entry);
    if (attach && deps.terminals !== undefined && view.newJobId !== null) {
      entry.follow = followRetriedJob(
        followDeps(deps, deps.terminals, r, view.projectPath, view.newJobId, (state, sessionId) => {
          update(key, state, sessionId);
        }),
        view.state,
      );
    }
    changed();
    return view;
  };

  return {
    check: (target) => checkTarget(accounts, clientOf, target),
    start: async (target, confirmed, attach = true) => {
      let r: Resolved;
      try {
        r = await resolveTarget(accounts, clientOf, target);
      } catch (error) {
        throw toContractError(error);
      }
      const key = `${r.connection.accountId}/${r.jobId}`;
      const current = entries.get(key);
      if (current !== undefined && isRetryInProgress(current.view.state)) return current.view;
      // Two clicks before GitLab answered the first share its outcome: one POST.
      const pending = starting.get(key);
      if (pending !== undefined) return pending;
      const promise = run(r, key, confirmed, attach)
        .catch((error: unknown) => {
          throw toContractError(error);
        })
        .finally(() => starting.delete(key));
      starting.set(key, promise);
      return promise;
    },
    list,
    onChange: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose: () => {
      for (const entry of entries.values()) entry.follow?.stop();
      entries.clear();
      listeners.clear();
    },
  };
}

/** Retries that ended a while ago leave the list (ENDED_RETRY_KEEP_MS). */
function forgetEnded(entries: Map<string, Entry>, now: number): void {
  for (const [key, entry] of entries) {
    const ended = entry.view.state.kind === 'ended';
    if (ended && now - entry.view.startedAt > ENDED_RETRY_KEEP_MS) entries.delete(key);
  }
}

/** The verdict for retrying the target's job; nothing is retried. */
async function checkTarget(
  accounts: AccountAccess,
  clientOf: (connection: AccountConnection) => GitlabClient,
  target: RetryTarget,
): Promise<RetryVerdict> {
  try {
    const r = await resolveTarget(accounts, clientOf, target);
    return retryVerdict(
      (await gatherRetryFacts(r.client, r.connection, r.projectId, r.jobId)).facts,
    );
  } catch (error) {
    throw toContractError(error);
  }
}

/** The job a target names, with the account it belongs to and a client for it. */
async function resolveTarget(
  accounts: AccountAccess,
  clientOf: (connection: AccountConnection) => GitlabClient,
  target: RetryTarget,
): Promise<Resolved> {
  if (target.kind === 'url') {
    const located = locateJobUrl(accounts, target.url);
    const client = clientOf(located.connection);
    const projectId = await projectIdOf(client, located.projectPath);
    return { connection: located.connection, client, projectId, jobId: located.jobId };
  }
  const connection = accounts.connection(target.accountId);
  if (connection === null) {
    throw new ContractError('auth', 'This account is not signed in: sign in again first.');
  }
  return {
    connection,
    client: clientOf(connection),
    projectId: target.projectId,
    jobId: target.jobId,
  };
}

/**
 * Checks the job and retries it through the API (or finds the retry another window or the CLI
 * made); the new job's view, pending.
 */
async function retryOnce(
  deps: RetryServiceDeps,
  r: Resolved,
  key: string,
  confirmed: boolean,
): Promise<RetryView> {
  const { clock } = deps;
  const gathered = await gatherRetryFacts(r.client, r.connection, r.projectId, r.jobId);
  const verdict = retryVerdict(gathered.facts);
  if (verdict.kind === 'refused') throw new ContractError('conflict', verdict.message);
  if (verdict.kind === 'confirm' && !confirmed)
    throw new ContractError('bad-input', verdict.message);
  const base = {
    key,
    accountId: r.connection.accountId,
    projectId: r.projectId,
    projectPath: gathered.projectPath,
    jobName: gathered.job.name,
    originalJobId: r.jobId,
    sessionId: null,
    startedAt: clock.now(),
  };
  if (verdict.kind === 'already-retried') {
    // Another window or the CLI retried it: follow that job instead of making a third.
    const state = { kind: 'pending' as const, queuedSince: clock.now() };
    return { ...base, newJobId: verdict.jobId, newJobUrl: null, state };
  }
  const created = await retryThroughApi(r);
  deps.retried?.(r.connection.accountId, r.projectId);
  const queuedSince = Date.parse(created.created_at) || clock.now();
  return {
    ...base,
    newJobId: created.id,
    newJobUrl: created.web_url,
    state: { kind: 'pending', queuedSince },
  };
}

/** What following the new job needs: its client, the terminals, and where state changes go. */
function followDeps(
  deps: RetryServiceDeps,
  terminals: TerminalService,
  r: Resolved,
  projectPath: string,
  jobId: number,
  changed: FollowDeps['changed'],
): FollowDeps {
  return {
    client: r.client,
    terminals,
    clock: deps.clock,
    logger: deps.logger,
    accountId: r.connection.accountId,
    projectId: r.projectId,
    projectPath,
    jobId,
    changed,
  };
}

/** POST …/retry; GitLab's refusal keeps its own words ("Job is not retryable"). */
async function retryThroughApi(
  r: Resolved,
): Promise<{ id: number; web_url: string; created_at: string }> {
  try {
    return (await r.client.retryJob(r.projectId, r.jobId)).value;
  } catch (error) {
    if (isGitlabError(error, 'forbidden')) {
      throw new ContractError(
        'conflict',
        `GitLab refused the retry: ${error.gitlabMessage ?? '403 Forbidden'}.`,
      );
    }
    throw error;
  }
}
