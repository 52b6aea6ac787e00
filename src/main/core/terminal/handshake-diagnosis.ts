/**
 * Turns a failed handshake into a reason, asking the API where the status alone does not say
 * enough (404: which of the five causes; 500: runner down or someone else attached), and decides
 * whether an automatic reconnect may try again.
 */
import type { CloseCode, CloseReason } from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import {
  classifyRejection,
  handshakeReason,
  notAllowedReason,
  runnerReason,
  type HandshakeFailure,
  type JobFacts,
  type Me,
} from './close-reasons';
import { diagnoseDrop } from './drop-reasons';
import { askJob, askTerminalOffered, askTrace } from './job-facts';
import { lastTerminalLogEvent } from '../job-log/trace-lines';

/**
 * Failures worth another try during an automatic reconnect: the network may come back, and right
 * after a drop the runner may still count the old connection as attached (its 423 shows as 500).
 * Never on a first open: a refusal there is shown to the user, not retried (quality F4).
 */
const RETRYABLE_ON_RECONNECT: ReadonlySet<CloseCode> = new Set<CloseCode>([
  'network-error',
  'handshake-timeout',
  'runner-unavailable',
  'already-attached',
]);

export interface HandshakeContext {
  readonly client: GitlabClient | null;
  readonly me: Me;
  readonly target: {
    readonly host: string;
    readonly projectId: number;
    readonly jobId: number;
    readonly projectPath: string;
  };
  readonly fastRefusalMs: number;
  /** Part of an automatic reconnect series (not the first open, not a manual reconnect). */
  readonly reconnecting: boolean;
}

export interface HandshakeExplanation {
  readonly reason: CloseReason;
  readonly retry: boolean;
  /** The handshake said the session is not signed in (302 to sign-in, 401). */
  readonly authFailure: boolean;
  /** The job is over: its log follower may stop. */
  readonly jobEnded: boolean;
}

/** Explains a handshake failure, asking GitLab about the job when the status needs it. */
export async function explainHandshakeFailure(
  failure: HandshakeFailure,
  ctx: HandshakeContext,
): Promise<HandshakeExplanation> {
  const immediate = handshakeReason(failure, ctx.target.host);
  if (immediate !== null || failure.kind !== 'rejected') {
    const closeReason = immediate ?? {
      code: 'protocol-error',
      message: 'The terminal connection failed.',
    };
    return {
      reason: closeReason,
      retry: ctx.reconnecting && RETRYABLE_ON_RECONNECT.has(closeReason.code),
      authFailure: closeReason.code === 'sign-in-required',
      jobEnded: false,
    };
  }
  const { client, target } = ctx;
  const answer = client === null ? null : await askJob(client, target.projectId, target.jobId);
  const job = answer?.job ?? null;
  if (client !== null && job !== null && isOver(job)) {
    // The job ended (perhaps while we reconnected): say so as a drop would, log included.
    const log = await askTrace(client, target.projectId, target.jobId);
    const verdict = diagnoseDrop({
      job,
      apiProblem: null,
      lastLogEvent: log === null ? null : lastTerminalLogEvent(log),
      typedExit: false,
      cookieValid: null,
      host: target.host,
    });
    const closeReason = ctx.reconnecting ? verdict.reason : notAllowedReason(job, ctx.me, null);
    return { reason: closeReason, retry: false, authFailure: false, jobEnded: true };
  }
  const offered =
    client === null ? null : await askTerminalOffered(client, target.projectPath, target.jobId);
  const klass = classifyRejection(failure.status, failure.location);
  if (klass !== 'runner') {
    return {
      reason: notAllowedReason(job, ctx.me, offered),
      retry: false,
      authFailure: false,
      jobEnded: false,
    };
  }
  const log =
    client !== null && job?.status === 'running'
      ? await askTrace(client, target.projectId, target.jobId)
      : null;
  const closeReason = runnerReason(
    {
      elapsedMs: failure.elapsedMs,
      fastRefusalMs: ctx.fastRefusalMs,
      job,
      terminalOffered: offered,
      // We are not connected, so a hold in progress is someone else's terminal.
      heldByOther: log !== null && lastTerminalLogEvent(log)?.kind === 'hold-started',
    },
    ctx.me,
  );
  return {
    reason: closeReason,
    retry: ctx.reconnecting && RETRYABLE_ON_RECONNECT.has(closeReason.code),
    authFailure: false,
    jobEnded: false,
  };
}

function isOver(job: JobFacts): boolean {
  return (
    job.status === 'success' ||
    job.status === 'failed' ||
    job.status === 'canceled' ||
    job.status === 'skipped'
  );
}
