/**
 * The CLI's exit codes, documented in `--help` and the README. Scripts branch on them, so each
 * kind of end maps to exactly one code and the mapping lives here, in one place.
 */
import type { ContractErrorCode } from '../shared/contract';
import type { CloseCode } from '../shared/models';
import { assertNever } from '../shared/assert-never';

export const EXIT = {
  /** The session ended normally: detached, the shell exited, the job finished. */
  ok: 0,
  /** The connection or the terminal failed (network, TLS, runner, GitLab errors). */
  failed: 1,
  /** Bad command line or credentials: something the user must fix before trying again. */
  usage: 2,
  /** GitLab refused the terminal for this job: not yours, not running, no session server. */
  notAllowed: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Conventional shell codes for "ended by a signal": 128 + the signal number. */
export const SIGNAL_EXIT: Readonly<Record<'SIGHUP' | 'SIGINT' | 'SIGTERM', number>> = {
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
};

/** The exit code for a session that ended with `code`. */
export function exitCodeForClose(code: CloseCode): ExitCode {
  switch (code) {
    case 'closed-by-user':
    case 'released':
    case 'shell-exited':
    case 'job-finished':
    case 'hold-timed-out':
    case 'job-canceled':
      return EXIT.ok;
    case 'sign-in-required':
    case 'account-removed':
      return EXIT.usage;
    case 'not-allowed':
    case 'already-attached':
      return EXIT.notAllowed;
    case 'origin-rejected':
    case 'runner-unavailable':
    case 'proxy-blocks-websocket':
    case 'connection-lost':
    case 'handshake-timeout':
    case 'tls-error':
    case 'network-error':
    case 'protocol-error':
      return EXIT.failed;
    default:
      return assertNever(code, 'close code');
  }
}

/** The exit code for a request the core refused before any terminal existed. */
export function exitCodeForError(code: ContractErrorCode): ExitCode {
  switch (code) {
    case 'bad-input':
    case 'auth':
    case 'invalid-message':
      return EXIT.usage;
    case 'not-found':
      return EXIT.notAllowed;
    case 'network':
    case 'unavailable':
    case 'conflict':
    case 'internal':
      return EXIT.failed;
    default:
      return assertNever(code, 'contract error code');
  }
}
