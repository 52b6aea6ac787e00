/**
 * Readable reasons for every way a terminal can end or fail to open. Pure: the facts (HTTP status,
 * the job as the API sees it, what the log says) are gathered elsewhere; here they become a
 * sentence the user can act on (product C5: never a bare "Connection failure").
 */
import type { CloseCode, CloseReason, JobStatus } from '../../../shared/models';
import { isTlsKind, type NetworkError } from '../net/network-error';

/** The job as the API reported it, reduced to what the reasons need. */
export interface JobFacts {
  readonly status: JobStatus | 'unknown';
  readonly userId: number | null;
  readonly username: string | null;
}

export interface Me {
  readonly userId: number;
  readonly username: string;
}

/** How a handshake failed before any 101. */
export type HandshakeFailure =
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly location: string | null;
      readonly elapsedMs: number;
    }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'network'; readonly error: NetworkError }
  | { readonly kind: 'protocol'; readonly detail: string };

/** What a non-101 status means before the API is asked anything. */
export type RejectionClass =
  'sign-in' | 'not-allowed' | 'origin' | 'runner' | 'proxy' | 'gateway' | 'other';

export function reason(code: CloseCode, message: string): CloseReason {
  return { code, message };
}

/** Classifies a handshake answer (docs/gitlab-terminal-protocol.md §3.5 "Handshake-time failures"). */
export function classifyRejection(status: number, location: string | null): RejectionClass {
  if (status === 401) return 'sign-in';
  if (status >= 300 && status < 400)
    return location !== null && /\/users\/sign_in\b/.test(location) ? 'sign-in' : 'other';
  if (status === 404) return 'not-allowed';
  if (status === 403) return 'origin';
  if (status === 500) return 'runner';
  if (status === 400) return 'proxy';
  if (status === 502 || status === 503 || status === 504) return 'gateway';
  return 'other';
}

/** The account a session belonged to was removed from Jobshell. */
export const ACCOUNT_REMOVED: CloseReason = reason(
  'account-removed',
  'The account was removed: its terminals were closed.',
);

export function signInRequired(host: string): CloseReason {
  return reason(
    'sign-in-required',
    `Your GitLab session on ${host} has expired or was signed out: sign in again, then reconnect.`,
  );
}

/** A 404 on the handshake, explained by the job's actual state. */
export function notAllowedReason(
  job: JobFacts | null,
  me: Me,
  terminalOffered: boolean | null,
): CloseReason {
  if (job === null) {
    return reason(
      'not-allowed',
      'GitLab refused the terminal (404): the job is not running, is not yours, or its runner has no session server.',
    );
  }
  const status = job.status;
  if (status !== 'running') return reason('not-allowed', notRunningSentence(status));
  if (job.userId !== null && job.userId !== me.userId) {
    const owner =
      job.username === null ? 'the user who started it' : `@${job.username}, who started it`;
    return reason(
      'not-allowed',
      `This is not your job: only ${owner}, can open its terminal (you are signed in as @${me.username}).`,
    );
  }
  if (terminalOffered === false) {
    return reason(
      'not-allowed',
      "GitLab offers no terminal for this job: its runner has no session server ([session_server] in the runner's config.toml) or an executor without terminals, or the project is archived or your role does not allow it.",
    );
  }
  return reason(
    'not-allowed',
    'GitLab refused the terminal (404) although the job is running and is yours: the runner probably has no session server ([session_server] in its config.toml), or the project is archived or your role does not allow terminals.',
  );
}

function notRunningSentence(status: JobStatus | 'unknown'): string {
  switch (status) {
    case 'created':
    case 'waiting_for_resource':
    case 'preparing':
    case 'pending':
    case 'scheduled':
    case 'manual':
      return `The job is not running yet (status: ${status}): its terminal can be opened once a runner has started it.`;
    case 'success':
      return 'The job has finished (passed): a finished job has no terminal.';
    case 'failed':
      return 'The job has finished (failed): a finished job has no terminal.';
    case 'canceled':
      return 'The job was canceled: it has no terminal any more.';
    case 'skipped':
      return 'The job was skipped: it never ran, so it has no terminal.';
    case 'running':
    case 'unknown':
      return "GitLab refused the terminal (404) and the job's state could not be read.";
  }
}

export interface RunnerFacts {
  readonly elapsedMs: number;
  readonly fastRefusalMs: number;
  readonly job: JobFacts | null;
  /** The web job JSON's terminal_path is present (null: could not ask). */
  readonly terminalOffered: boolean | null;
  /** The job log says a terminal holds the job right now, and it is not ours. */
  readonly heldByOther: boolean;
}

/**
 * A 500 on the handshake. Workhorse turns every runner-side failure into 500 (docs/gitlab-terminal-protocol.md §3.5):
 * unreachable, TLS, not ready (after up to 60 s), and 423 "already connected". The heuristic:
 * - the log shows a hold by another terminal → certainly someone else is attached;
 * - refused fast (no 60 s readiness wait), while the job runs and GitLab offers its terminal →
 *   most likely the runner's 423 (a refused dial is the other fast case, so the message hedges);
 * - otherwise the runner is unreachable or not ready.
 * It never retries by itself (quality F4: no retry storm against a lock).
 */
export function runnerReason(facts: RunnerFacts, me: Me): CloseReason {
  const { job } = facts;
  if (job !== null && job.status !== 'running' && job.status !== 'unknown') {
    return notAllowedReason(job, me, facts.terminalOffered);
  }
  if (facts.heldByOther) {
    return reason(
      'already-attached',
      "Someone else (perhaps a browser tab) is attached to this job's terminal and is holding the job open. A job allows one terminal at a time: close the other one, then reconnect.",
    );
  }
  const fast = facts.elapsedMs < facts.fastRefusalMs;
  if (fast && job?.status === 'running' && facts.terminalOffered !== false) {
    return reason(
      'already-attached',
      "The runner refused the terminal at once: most likely someone else (perhaps a browser tab) is already attached to this job, and a job allows one terminal at a time. Close the other one, then reconnect. (If nobody is, GitLab cannot reach the runner's session server.)",
    );
  }
  return reason(
    'runner-unavailable',
    "The runner is unreachable, not ready, or someone (perhaps a browser tab) is already attached (GitLab answered 500). Reconnect in a moment; if it keeps failing, ask an administrator whether GitLab can reach the runner's session server.",
  );
}

/** Reasons that need no API call. */
export function handshakeReason(failure: HandshakeFailure, host: string): CloseReason | null {
  switch (failure.kind) {
    case 'timeout':
      return reason(
        'handshake-timeout',
        `Gave up after ${Math.round(failure.afterMs / 1000)} s: GitLab neither opened the terminal nor refused it. The runner may be overloaded, or a proxy holds the connection.`,
      );
    case 'network':
      return isTlsKind(failure.error.kind)
        ? reason('tls-error', failure.error.message)
        : reason('network-error', failure.error.message);
    case 'protocol':
      return reason('protocol-error', `The terminal connection failed: ${failure.detail}.`);
    case 'rejected':
      return rejectionReason(failure.status, failure.location, host);
  }
}

function rejectionReason(
  status: number,
  location: string | null,
  host: string,
): CloseReason | null {
  const klass = classifyRejection(status, location);
  switch (klass) {
    case 'sign-in':
      return signInRequired(host);
    case 'origin':
      return reason(
        'origin-rejected',
        'GitLab rejected the connection because of its Origin header (403). This is a Jobshell bug: please report it.',
      );
    case 'proxy':
      return reason(
        'proxy-blocks-websocket',
        `A proxy between you and ${host} does not pass WebSocket connections (400). Ask its administrators to forward the Upgrade and Connection headers for …/-/jobs/*/terminal.ws, or set a proxy that does in the account's network settings.`,
      );
    case 'gateway':
      return reason(
        'network-error',
        `${host} answered ${status}: GitLab is restarting, overloaded or unreachable behind its load balancer. Reconnect in a moment.`,
      );
    case 'other':
      return reason(
        'protocol-error',
        location === null
          ? `GitLab answered ${status} instead of opening the terminal.`
          : `GitLab answered ${status} and redirected to ${location} instead of opening the terminal: check the account's address.`,
      );
    case 'not-allowed':
    case 'runner':
      // These need the job's state from the API first.
      return null;
  }
}

/** Parses GitLab's status string into the known union ('unknown' for anything new). */
export function toJobStatus(status: string): JobStatus | 'unknown' {
  switch (status) {
    case 'created':
    case 'waiting_for_resource':
    case 'preparing':
    case 'pending':
    case 'running':
    case 'success':
    case 'failed':
    case 'canceled':
    case 'skipped':
    case 'manual':
    case 'scheduled':
      return status;
    // GitLab 16+ shows jobs that are being canceled as 'canceling'; for a terminal it is the same.
    case 'canceling':
      return 'canceled';
    default:
      return 'unknown';
  }
}
