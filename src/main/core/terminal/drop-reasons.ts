/**
 * Why a connection that dropped without us closing it ended, and whether reconnecting makes sense,
 * from what the API and the log said afterwards (gathered by drop-diagnosis.ts). Pure, like the
 * other reasons in close-reasons.ts.
 */
import type { CloseReason } from '../../../shared/models';
import type { TerminalLogEvent } from '../job-log/trace-lines';
import { reason, signInRequired, type JobFacts } from './close-reasons';

/** What the API and the log said after the socket dropped without us closing it. */
export interface DropFacts {
  /** null when the API could not be asked. */
  readonly job: JobFacts | null;
  readonly apiProblem: string | null;
  readonly lastLogEvent: TerminalLogEvent | null;
  /** `exit`, `logout` or Ctrl-D was typed just before the drop. */
  readonly typedExit: boolean;
  /** false when GitLab no longer accepts the session cookie; null when not checked. */
  readonly cookieValid: boolean | null;
  readonly host: string;
}

/**
 * `exit`, `logout` or Ctrl-D was the last input before the drop: the user ended the shell, and it
 * stays ended (no automatic reconnect; Reconnect starts a new shell).
 */
export const SHELL_EXITED: CloseReason = reason('shell-exited', 'The shell exited.');

export type DropVerdict =
  | { readonly kind: 'end'; readonly reason: CloseReason }
  | { readonly kind: 'reconnect'; readonly reason: CloseReason };

/**
 * Why a connection dropped (the close code says nothing: always 1006, docs/gitlab-terminal-protocol.md §3.5), and whether
 * reconnecting makes sense: only for a plain drop while the job still runs (quality F1/F3).
 */
export function diagnoseDrop(facts: DropFacts): DropVerdict {
  const { job } = facts;
  const timedOut = facts.lastLogEvent?.kind === 'timed-out';
  if (job === null) {
    if (facts.cookieValid === false) return { kind: 'end', reason: signInRequired(facts.host) };
    // The user ended the shell: that stands even when GitLab cannot be asked about the job.
    if (facts.typedExit) return { kind: 'end', reason: SHELL_EXITED };
    const why = facts.apiProblem === null ? '' : ` (${facts.apiProblem})`;
    return {
      kind: 'reconnect',
      reason: reason(
        'connection-lost',
        `The connection dropped and GitLab could not be asked why${why}.`,
      ),
    };
  }
  switch (job.status) {
    case 'canceled':
      return {
        kind: 'end',
        reason: reason('job-canceled', 'The job was canceled, which ended its terminal.'),
      };
    case 'success':
    case 'failed': {
      const result = job.status === 'success' ? 'passed' : 'failed';
      return timedOut
        ? { kind: 'end', reason: holdTimedOut(`The job has finished (${result}).`) }
        : {
            kind: 'end',
            reason: reason(
              'job-finished',
              `The job finished (${result}); its terminal ended with it.`,
            ),
          };
    }
    case 'running':
      if (timedOut) return { kind: 'end', reason: holdTimedOut('The job is finishing now.') };
      if (facts.typedExit) return { kind: 'end', reason: SHELL_EXITED };
      if (facts.cookieValid === false) return { kind: 'end', reason: signInRequired(facts.host) };
      return {
        kind: 'reconnect',
        reason: reason('connection-lost', 'The connection to GitLab dropped.'),
      };
    case 'created':
    case 'waiting_for_resource':
    case 'preparing':
    case 'pending':
    case 'scheduled':
    case 'manual':
    case 'skipped':
    case 'unknown':
      return {
        kind: 'end',
        reason: reason(
          'connection-lost',
          `The connection dropped and the job is now ${job.status}.`,
        ),
      };
  }
}

function holdTimedOut(then: string): CloseReason {
  return reason(
    'hold-timed-out',
    `The runner's session timeout ended the terminal that was holding the job open. ${then}`,
  );
}
