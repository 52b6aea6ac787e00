/**
 * terminal.open: from the contract's target (a job URL, or account + project + job ids) to the
 * job's one session, reusing its open tab and sharing one resolution between quick double clicks.
 */
import { ContractError, type RequestParams, type RequestResult } from '../../../shared/contract';
import { assertNever } from '../../../shared/assert-never';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { AccountAccess, AccountConnection } from '../services';
import { toContractError } from './job-facts';
import { locateJobUrl, projectIdOf, resolveTarget } from './open-target';
import type { SessionTarget } from './session-env';
import { keyOf, type SessionRegistry } from './session-registry';
import type { TerminalSession } from './terminal-session';

export type OpenTarget = RequestParams<'terminal.open'>['target'];
export type OpenResult = RequestResult<'terminal.open'>;

export interface SessionOpenerDeps {
  readonly accounts: AccountAccess;
  readonly registry: SessionRegistry;
  readonly client: (connection: AccountConnection) => GitlabClient;
  /** Creates, registers and starts the session of a resolved job. */
  readonly start: (key: string, target: SessionTarget) => TerminalSession;
  readonly focus: (sessionId: string) => void;
  readonly isDisposed: () => boolean;
  /** GitLab's web_url for a job of this account names another address (see address-notice). */
  readonly foreignAddress?: (connection: AccountConnection, notice: string) => void;
  /** Refuse another user's job before a session exists (see resolveTarget). */
  readonly refuseOthersJobs: boolean;
}

/** Creates the terminal.open handler. */
export function createSessionOpener(
  deps: SessionOpenerDeps,
): (target: OpenTarget) => Promise<OpenResult> {
  const { accounts, client } = deps;
  const foreign =
    (connection: AccountConnection) =>
    (notice: string): void =>
      deps.foreignAddress?.(connection, notice);
  const opening = new Map<string, Promise<OpenResult>>();

  const openOnce = (key: string, resolve: () => Promise<SessionTarget>): Promise<OpenResult> => {
    const found = focusExisting(deps, key);
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
      if (deps.isDisposed()) throw new ContractError('unavailable', 'Jobshell is shutting down.');
      const session = deps.start(key, target);
      deps.focus(session.id);
      return { sessionId: session.id, existed: false };
    })().finally(() => {
      opening.delete(key);
    });
    opening.set(key, promise);
    return promise;
  };

  const openUrl = async (input: string): Promise<OpenResult> => {
    const { connection, projectPath, jobId } = locateJobUrl(accounts, input);
    return openOnce(keyOf(connection.accountId, jobId), async () => {
      const gitlab = client(connection);
      const projectId = await projectIdOf(gitlab, projectPath);
      return resolveTarget(
        connection,
        gitlab,
        projectId,
        jobId,
        projectPath,
        deps.refuseOthersJobs,
        foreign(connection),
      );
    });
  };

  const openJob = (accountId: string, projectId: number, jobId: number): Promise<OpenResult> => {
    const connection = accounts.connection(accountId);
    if (connection === null) {
      const message = 'That account is not signed in: sign in again, then open the terminal.';
      return Promise.reject(new ContractError('auth', message));
    }
    return openOnce(keyOf(accountId, jobId), () =>
      resolveTarget(
        connection,
        client(connection),
        projectId,
        jobId,
        null,
        deps.refuseOthersJobs,
        foreign(connection),
      ),
    );
  };

  return (target) => {
    switch (target.kind) {
      case 'url':
        return openUrl(target.url);
      case 'job':
        return openJob(target.accountId, target.projectId, target.jobId);
      default:
        return assertNever(target, 'open target');
    }
  };
}

/** The existing tab for a job, focused (and reconnected if it had ended). */
function focusExisting(deps: SessionOpenerDeps, key: string): OpenResult | null {
  const session = deps.registry.byKey(key);
  if (session === undefined) return null;
  // Opening a job whose tab has ended means "connect again", not "show me the old reason".
  if (session.view().state.kind === 'closed') session.reconnect();
  deps.focus(session.id);
  return { sessionId: session.id, existed: true };
}
