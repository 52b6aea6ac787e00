/**
 * Before retrying: will "retry with terminal" work for this job, and if not, exactly why. Pure: the
 * facts are gathered by retry-checks.ts; the words the user reads are decided here.
 */
import type { Executor, RetryVerdict } from '../../../shared/models';
import { DEVELOPER_ACCESS } from '../jobs/availability';
import { HOLD_VARIABLE, SNIPPET_EXPLANATION, holdSnippet } from './hold-snippet';

export interface RetryFacts {
  readonly jobName: string;
  readonly status: string;
  readonly ref: string;
  readonly executor: Executor | null;
  /** The web job JSON's `retry_path`: GitLab offers a retry to this user (null: unknown). */
  readonly retryOffered: boolean | null;
  /** The user's highest role in the project, when known. */
  readonly accessLevel: number | null;
  readonly archived: boolean | null;
  /** GitLab.com's own instance runners (no session server, so no terminal at all). */
  readonly gitlabComInstanceRunner: boolean;
  /** A retry of this job that already runs or waits (another window, the CLI): its id. */
  readonly existingRetryId: number | null;
}

const RETRYABLE: readonly string[] = ['success', 'failed', 'canceled'];

/** Decides the verdict, in the order GitLab itself would refuse. */
export function retryVerdict(facts: RetryFacts): RetryVerdict {
  const refusal = refusalOf(facts);
  // A retry still running explains a missing retry_path best (GitLab retries a job once).
  if (refusal !== null && (facts.existingRetryId === null || refusal.reason === 'not-retryable'))
    return refusal;
  if (facts.existingRetryId !== null) {
    return {
      kind: 'already-retried',
      jobId: facts.existingRetryId,
      message: `This job was already retried as #${facts.existingRetryId}, which has not finished: attach to it instead of retrying again.`,
    };
  }
  return executorVerdict(facts);
}

function refusalOf(facts: RetryFacts): Extract<RetryVerdict, { kind: 'refused' }> | null {
  if (!RETRYABLE.includes(facts.status)) {
    return {
      kind: 'refused',
      reason: 'not-retryable',
      message: `Job is not retryable: it is ${facts.status}. Only a finished job (failed, canceled or passed) can be retried.`,
    };
  }
  if (facts.archived === true) {
    return {
      kind: 'refused',
      reason: 'archived',
      message: 'The project is archived: GitLab retries no jobs in it.',
    };
  }
  if (facts.accessLevel !== null && facts.accessLevel < DEVELOPER_ACCESS) {
    return {
      kind: 'refused',
      reason: 'insufficient-role',
      message:
        'Your role in this project is below Developer: GitLab lets only Developers and up retry jobs.',
    };
  }
  if (facts.retryOffered === false) {
    return {
      kind: 'refused',
      reason: 'protected-ref',
      message: `GitLab does not offer you a retry of this job: ${facts.ref} is a protected branch or tag (only those allowed to push or merge to it may run its jobs), or the job was already retried (retry its newest run instead).`,
    };
  }
  if (facts.gitlabComInstanceRunner) {
    return {
      kind: 'refused',
      reason: 'no-session-server',
      message:
        "GitLab.com's instance runners have no session server, so their jobs have no terminal. Use a runner of your own (shell or Kubernetes executor, session_server configured).",
    };
  }
  return null;
}

function executorVerdict(facts: RetryFacts): RetryVerdict {
  switch (facts.executor) {
    case 'shell':
    case 'kubernetes':
      return {
        kind: 'ready',
        message: `The ${facts.executor} executor keeps the job running while your terminal is attached: when the script fails you stay inside, until you release it or session_timeout ends.`,
      };
    case 'docker':
    case 'docker-autoscaler':
      return {
        kind: 'confirm',
        reason: 'docker',
        message: `This job ran on a Docker executor: its terminal ends with the script, so the failed state cannot be held. You can still watch it run. To hold it, add the snippet and retry with ${HOLD_VARIABLE}=1.`,
        snippet: { yaml: holdSnippet(facts.jobName), explanation: SNIPPET_EXPLANATION },
      };
    case 'instance':
    case 'other':
    case null:
      return {
        kind: 'confirm',
        reason: 'unknown-executor',
        message:
          'The log does not say a shell or Kubernetes executor ran this job: the terminal may end with the script instead of holding the failure.',
        snippet: { yaml: holdSnippet(facts.jobName), explanation: SNIPPET_EXPLANATION },
      };
  }
}
