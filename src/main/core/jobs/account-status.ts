/** The status line of one account's job list, derived from what its poller knows. */
import type { AccountJobs } from '../../../shared/models';
import type { GateBlock } from './instance-gate';

export interface StatusInput {
  readonly paused: boolean;
  readonly authFailed: boolean;
  /** A problem polling cannot fix (e.g. a token without read_api); the user must act. */
  readonly fatal: string | null;
  /** The project list arrived and every watched project answered (or failed) once. */
  readonly loaded: boolean;
  /** Some job list arrived at least once. */
  readonly hasData: boolean;
  /** The latest failure while some request is still failing. */
  readonly failure: string | null;
  readonly block: GateBlock | null;
  /** When the next retry of a failing request is due, if known. */
  readonly nextRetryAt: number | null;
  readonly lastSuccessAt: number | null;
}

export const PAUSED_MESSAGE =
  'Paused while Jobshell is hidden and no terminal is open; the list refreshes when you come back.';
export const AUTH_FAILED_MESSAGE =
  "GitLab no longer accepts this account's sign-in. Sign in again to see its jobs.";
const KEPT = 'The last list is kept and Jobshell retries on its own.';

type StatusFields = Pick<AccountJobs, 'status' | 'message' | 'retryAt' | 'updatedAt'>;

/** Status, message, retry time and last update of an account's list. */
export function accountStatus(input: StatusInput): StatusFields {
  const updatedAt = input.lastSuccessAt;
  if (input.authFailed)
    return { status: 'error', message: AUTH_FAILED_MESSAGE, retryAt: null, updatedAt };
  if (input.fatal !== null)
    return { status: 'error', message: input.fatal, retryAt: null, updatedAt };
  if (input.paused) return { status: 'paused', message: PAUSED_MESSAGE, retryAt: null, updatedAt };
  if (input.block?.kind === 'rate-limited') {
    return {
      status: input.hasData ? 'stale' : 'error',
      message: `GitLab asked Jobshell to slow down (HTTP 429): no requests until it allows them again. ${KEPT}`,
      retryAt: input.block.until,
      updatedAt,
    };
  }
  if (input.failure !== null) {
    return {
      status: input.hasData ? 'stale' : 'error',
      message: input.hasData
        ? `${input.failure} ${KEPT}`
        : `${input.failure} Jobshell retries on its own.`,
      retryAt: input.block?.until ?? input.nextRetryAt,
      updatedAt,
    };
  }
  if (!input.loaded) return { status: 'loading', message: null, retryAt: null, updatedAt };
  return { status: 'ok', message: null, retryAt: null, updatedAt };
}
