/**
 * After a connection ended without us closing it, asks GitLab what happened: the job's status,
 * the runner's terminal lines in the log, and whether the session cookie still works.
 */
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { AuthFailureSource } from '../services';
import { diagnoseDrop, type DropVerdict } from './drop-reasons';
import { askCookieValid, askJob } from './job-facts';
import { signedOutReason, type SessionEnv, type SessionTarget } from './session-env';
import { lastTerminalLogEvent } from '../job-log/trace-lines';

export interface DropContext {
  readonly client: GitlabClient;
  readonly projectId: number;
  readonly jobId: number;
  readonly host: string;
  /** The whole job log (through the session's follower, so its subscribers see it too). */
  readonly fetchLog: () => Promise<string>;
  readonly reportAuthFailure: (source: AuthFailureSource) => void;
}

export interface DropOptions {
  readonly typedExit: boolean;
  /**
   * After a drop: also read the log and check the cookie while the job runs. The check before
   * each automatic reconnect only needs the job's status.
   */
  readonly thorough: boolean;
}

/** Why the connection ended, and whether reconnecting makes sense (the close code never says, §3.5). */
export async function gatherDropVerdict(
  ctx: DropContext,
  options: DropOptions,
): Promise<DropVerdict> {
  const answer = await askJob(ctx.client, ctx.projectId, ctx.jobId);
  if (answer.unauthorized) ctx.reportAuthFailure('api');
  const status = answer.job?.status;
  // The log tells "hold timed out" from "finished"; it is only worth fetching when that matters.
  const needLog =
    (options.thorough && status === 'running') || status === 'success' || status === 'failed';
  const log = needLog ? await ctx.fetchLog().catch(() => null) : null;
  const lastLogEvent = log === null ? null : lastTerminalLogEvent(log);
  // A refused API call, or a drop nothing else explains, may mean the web session was revoked
  // (Workhorse drops terminals at its next re-authorisation, §1.5).
  const checkCookie =
    answer.unauthorized ||
    (options.thorough &&
      status === 'running' &&
      !options.typedExit &&
      lastLogEvent?.kind !== 'timed-out');
  const cookieValid = checkCookie ? await askCookieValid(ctx.client) : null;
  if (cookieValid === false) ctx.reportAuthFailure('reauthorisation');
  return diagnoseDrop({
    job: answer.job,
    apiProblem: answer.problem,
    lastLogEvent,
    typedExit: options.typedExit,
    cookieValid,
    host: ctx.host,
  });
}

/** The drop verdict for a session: signed out needs no request; otherwise GitLab is asked. */
export function diagnoseSessionDrop(
  env: SessionEnv,
  target: SessionTarget,
  fetchLog: () => Promise<string>,
  options: DropOptions,
): Promise<DropVerdict> {
  const connection = env.connection();
  if (connection === null) {
    return Promise.resolve({ kind: 'end', reason: signedOutReason(target.host) });
  }
  return gatherDropVerdict(
    {
      client: env.client(connection),
      projectId: target.projectId,
      jobId: target.jobId,
      host: target.host,
      fetchLog,
      reportAuthFailure: (source) => {
        env.reportAuthFailure(source);
      },
    },
    options,
  );
}
