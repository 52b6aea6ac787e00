/**
 * How a terminal's end reason reads in the attach history. One exhaustive switch over the core's
 * close codes: a new code is a compile error here, never a session recorded with a wrong outcome.
 */
import { assertNever } from '../../../shared/assert-never';
import type { HistoryOutcome } from '../../../shared/history-models';
import type { CloseCode } from '../../../shared/models';

/** The history outcome of a session that ended with `code`. */
export function historyOutcomeOf(code: CloseCode): HistoryOutcome {
  switch (code) {
    case 'closed-by-user':
      return 'closed';
    case 'released':
      return 'released';
    case 'hold-timed-out':
      return 'hold-timed-out';
    case 'job-canceled':
      return 'job-canceled';
    case 'job-finished':
      return 'job-finished';
    case 'shell-exited':
      return 'shell-exited';
    case 'sign-in-required':
    case 'account-removed':
      return 'signed-out';
    // GitLab, Workhorse, the runner or a proxy said no: the reason sentence says which and why.
    case 'not-allowed':
    case 'origin-rejected':
    case 'runner-unavailable':
    case 'already-attached':
    case 'proxy-blocks-websocket':
      return 'refused';
    case 'connection-lost':
    case 'handshake-timeout':
    case 'tls-error':
    case 'network-error':
    case 'protocol-error':
      return 'network';
    default:
      return assertNever(code, 'close code');
  }
}
