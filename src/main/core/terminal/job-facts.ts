/**
 * The API questions a session asks when a connection fails or drops. Each answers null instead of
 * throwing when GitLab cannot be asked, because the reasons must still be given without it.
 */
import { ContractError, type ContractErrorCode } from '../../../shared/contract';
import type { GitlabClient } from '../gitlab/gitlab-client';
import { GitlabError, isGitlabError } from '../gitlab/gitlab-error';
import { NetworkError } from '../net/network-error';
import { toJobStatus, type JobFacts } from './close-reasons';

export interface JobAnswer {
  readonly job: JobFacts | null;
  /** Why the job could not be read, for the message. */
  readonly problem: string | null;
  /** The API refused the credentials (401): the account must sign in again. */
  readonly unauthorized: boolean;
}

/** The job's status and owner, or why they could not be read. */
export async function askJob(
  client: GitlabClient,
  projectId: number,
  jobId: number,
): Promise<JobAnswer> {
  try {
    const { value } = await client.getJob(projectId, jobId);
    return {
      job: {
        status: toJobStatus(value.status),
        userId: value.user?.id ?? null,
        username: value.user?.username ?? null,
      },
      problem: null,
      unauthorized: false,
    };
  } catch (error) {
    return {
      job: null,
      problem: messageOf(error),
      unauthorized: isGitlabError(error, 'unauthorized'),
    };
  }
}

/** Whether GitLab's web job JSON offers a terminal (terminal_path), null when it could not be read. */
export async function askTerminalOffered(
  client: GitlabClient,
  projectPath: string,
  jobId: number,
): Promise<boolean | null> {
  try {
    const { value } = await client.webJob(projectPath, jobId);
    return value.terminal_path !== null;
  } catch {
    return null;
  }
}

/** The whole job log, or null. */
export async function askTrace(
  client: GitlabClient,
  projectId: number,
  jobId: number,
): Promise<string | null> {
  try {
    return (await client.trace(projectId, jobId)).value;
  } catch {
    return null;
  }
}

/** Does GitLab still accept the session cookie? false on a 401/sign-in redirect, null when unsure. */
export async function askCookieValid(client: GitlabClient): Promise<boolean | null> {
  try {
    await client.currentUser('cookie');
    return true;
  } catch (error) {
    return isGitlabError(error, 'unauthorized') ? false : null;
  }
}

/** A user-facing sentence for anything a GitLab call threw. */
export function messageOf(error: unknown): string {
  if (
    error instanceof GitlabError ||
    error instanceof NetworkError ||
    error instanceof ContractError
  )
    return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Maps a GitLab failure to the contract's error codes for requests such as terminal.open. */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  if (error instanceof GitlabError) return new ContractError(contractCode(error), error.message);
  if (error instanceof NetworkError) return new ContractError('network', error.message);
  return new ContractError(
    'internal',
    'Something went wrong inside Jobshell; see the log for details.',
  );
}

function contractCode(error: GitlabError): ContractErrorCode {
  switch (error.problem.kind) {
    case 'unauthorized':
    case 'insufficient-scope':
      return 'auth';
    case 'not-found':
      return 'not-found';
    case 'forbidden':
    case 'bad-request':
      return 'bad-input';
    case 'network':
      return 'network';
    case 'rate-limited':
    case 'server':
    case 'malformed':
    case 'not-gitlab':
      return 'unavailable';
  }
}
