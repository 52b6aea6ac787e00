/** From what the user gave (a job URL, or account + project + job ids) to the job a session needs. */
import { ContractError } from '../../../shared/contract';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { AccountAccess, AccountConnection } from '../services';
import { foreignAddressNotice } from './address-notice';
import { notAllowedReason, toJobStatus } from './close-reasons';
import { jobPageUrl, parseJobUrl, parseUrl, projectPathOf } from './job-url';
import type { SessionTarget } from './session-env';

/** Which account a URL belongs to and which job it names; nothing asked of GitLab yet. */
export interface UrlTarget {
  readonly connection: AccountConnection;
  readonly projectPath: string;
  readonly jobId: number;
}

/** Parses a pasted job URL and finds its signed-in account (host and relative root must match). */
export function locateJobUrl(accounts: AccountAccess, input: string): UrlTarget {
  const url = parseUrl(input);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ContractError(
      'bad-input',
      `${url.protocol}// is not a GitLab address: paste the job's https:// URL.`,
    );
  }
  const connection = accounts.findByUrl(url.href);
  if (connection === null) {
    throw new ContractError('not-found', `No signed-in account for ${url.host}: add it first.`);
  }
  const ref = parseJobUrl(url, connection.baseUrl);
  return { connection, projectPath: ref.projectPath, jobId: ref.jobId };
}

/** The job's numeric project id from its path (the REST API wants ids; Workhorse wants paths). */
export async function projectIdOf(gitlab: GitlabClient, projectPath: string): Promise<number> {
  return (await gitlab.getProject(projectPath)).value.id;
}

/**
 * Reads the job (name, web_url) from the API and completes the session's target. A web_url
 * outside the account's address is used for nothing: the project path then comes from what the
 * user gave or from the API, the job's page from the account's address, and `foreignAddress`
 * hears the sentence that tells the user.
 * With `refuseOthers`, another user's job is refused here, with the reason, before any tab exists:
 * GitLab lets only the user who started a job open its terminal, so such a tab could only fail.
 */
export async function resolveTarget(
  connection: AccountConnection,
  gitlab: GitlabClient,
  projectId: number,
  jobId: number,
  knownPath: string | null,
  refuseOthers = false,
  foreignAddress: (notice: string) => void = () => undefined,
): Promise<SessionTarget> {
  const job = (await gitlab.getJob(projectId, jobId)).value;
  if (refuseOthers && job.user !== null && job.user.id !== connection.userId) {
    const refusal = notAllowedReason(
      { status: toJobStatus(job.status), userId: job.user.id, username: job.user.username },
      { userId: connection.userId, username: connection.username },
      null,
    );
    throw new ContractError('conflict', refusal.message);
  }
  const notice = foreignAddressNotice(connection.baseUrl, job.web_url);
  if (notice !== null) foreignAddress(notice);
  const projectPath =
    (notice === null ? projectPathOf(job.web_url, connection.baseUrl) : null) ??
    knownPath ??
    (await gitlab.getProject(projectId)).value.path_with_namespace;
  return {
    accountId: connection.accountId,
    host: new URL(connection.baseUrl).host,
    jobId,
    projectId,
    projectPath,
    jobName: job.name,
    webUrl: notice === null ? job.web_url : jobPageUrl(connection.baseUrl, projectPath, jobId),
  };
}
