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
import { followRetriedJob, type Follow } from './retry-follow';
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
    const now = clock.now();
    for (const [key, entry] of entries) {
      const ended = entry.view.state.kind === 'ended';
      if (ended && now - entry.view.startedAt > ENDED_RETRY_KEEP_MS) entries.delete(key);
    }
    return [...entries.values()].map((e) => e.view);
  };

  const changed = (): void => {
    const views = list();
    for (const listener of listeners) listener(views);
  };

  const resolve = async (target: RetryTarget): Promise<Resolved> => {
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
  };

  const update = (key: string, state: RetryState, sessionId: string | null): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entry.view = { ...entry.view, state, sessionId: sessionId ?? entry.view.sessionId };
    changed();
  };

  const follow = (key: string, r: Resolved, projectPath: string, newJobId: number): void => {
    const entry = entries.get(key);
    const terminals = deps.terminals;
    if (entry === undefined || terminals === undefined) return;
    entry.follow = followRetriedJob(
      {
        client: r.client,
        terminals,
        clock,
        logger: deps.logger,
        accountId: r.connection.accountId,
        projectId: r.projectId,
        projectPath,
        jobId: newJobId,
        changed: (state, sessionId) => {
          update(key, state, sessionId);
        },
      },
      entry.view.state,
    );
  };

  const run = async (
    r: Resolved,
    key: string,
    confirmed: boolean,
    attach: boolean,
  ): Promise<RetryView> => {
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
    let newJobId: number;
    let newJobUrl: string | null = null;
    let createdAt = clock.now();
    if (verdict.kind === 'already-retried') {
      // Another window or the CLI retried it: follow that job instead of making a third.
      newJobId = verdict.jobId;
    } else {
      const created = await retryThroughApi(r);
      newJobId = created.id;
      newJobUrl = created.web_url;
      createdAt = Date.parse(created.created_at) || clock.now();
      deps.retried?.(r.connection.accountId, r.projectId);
    }
    const view: RetryView = {
      ...base,
      newJobId,
      newJobUrl,
      state: { kind: 'pending', queuedSince: createdAt },
    };
    entries.set(key, { view, follow: null });
    if (attach) follow(key, r, gathered.projectPath, newJobId);
    changed();
    return view;
  };

  return {
    check: async (target) => {
      try {
        const r = await resolve(target);
        return retryVerdict(
          (await gatherRetryFacts(r.client, r.connection, r.projectId, r.jobId)).facts,
        );
      } catch (error) {
        throw toContractError(error);
      }
    },
    start: async (target, confirmed, attach = true) => {
      let r: Resolved;
      try {
        r = await resolve(target);
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
