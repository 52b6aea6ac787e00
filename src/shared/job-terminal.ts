/**
 * One model of each job's terminal (issue 12): per account + job, the one state every surface
 * shows (tab badge and banner, sidebar mark, status bar, toast, OS notification, tray). The core
 * derives it from its sessions and publishes it as a versioned snapshot; surfaces only render it
 * and compute countdowns from its deadline, never keep their own.
 */
import { assertNever } from './assert-never';
import { END_REASONS, type EndKind } from './end-reasons';
import type { AppNotification, CloseReason, HoldInfo, SessionState, SessionView } from './models';

export type JobTerminalState =
  | { readonly kind: 'not-open' }
  | { readonly kind: 'connecting'; readonly attempt: number; readonly waitingForRunner: boolean }
  | { readonly kind: 'open' }
  | ({ readonly kind: 'held' } & HoldInfo)
  /** The socket dropped and the core is asking GitLab why; a verdict follows at once. */
  | { readonly kind: 'checking' }
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly at: number }
  | { readonly kind: 'ended'; readonly reason: CloseReason; readonly end: EndKind };

/** The held-open alert shown for a job right now (toast, OS notification), if any. */
export interface JobTerminalAlert {
  readonly id: string;
  readonly kind: AppNotification['kind'];
}

export interface JobTerminalView {
  /** `${accountId}/${jobId}`, the same key as JobView's. */
  readonly key: string;
  readonly accountId: string;
  readonly jobId: number;
  readonly sessionId: string;
  readonly jobName: string;
  readonly projectPath: string;
  readonly state: JobTerminalState;
  readonly alert: JobTerminalAlert | null;
}

/** Every job with a terminal tab; `version` grows with each change so a late copy never wins. */
export interface JobTerminalsSnapshot {
  readonly version: number;
  readonly jobs: readonly JobTerminalView[];
}

export const EMPTY_JOB_TERMINALS: JobTerminalsSnapshot = { version: 0, jobs: [] };

export const NOT_OPEN: JobTerminalState = { kind: 'not-open' };

/** The key a job and its terminal share. */
export function jobTerminalKey(accountId: string, jobId: number): string {
  return `${accountId}/${jobId}`;
}

/** The model's state for one session's state. */
export function jobTerminalState(state: SessionState): JobTerminalState {
  switch (state.kind) {
    case 'connecting':
      return {
        kind: 'connecting',
        attempt: state.attempt,
        waitingForRunner: state.waitingForRunner,
      };
    case 'open':
      return { kind: 'open' };
    case 'held':
      return { kind: 'held', ...state.hold };
    case 'checking':
      return { kind: 'checking' };
    case 'reconnecting':
      return { kind: 'reconnecting', attempt: state.attempt, at: state.at };
    case 'closed':
      return { kind: 'ended', reason: state.reason, end: END_REASONS[state.reason.code].kind };
    default:
      return assertNever(state, 'session state');
  }
}

/** The job's view of one session, with its current alert. */
export function jobTerminalView(
  session: SessionView,
  alert: JobTerminalAlert | null,
): JobTerminalView {
  return {
    key: jobTerminalKey(session.accountId, session.jobId),
    accountId: session.accountId,
    jobId: session.jobId,
    sessionId: session.id,
    jobName: session.jobName,
    projectPath: session.projectPath,
    state: jobTerminalState(session.state),
    alert,
  };
}

/** The state of a job's terminal in a snapshot (not-open when it has no tab). */
export function terminalOfJob(snapshot: JobTerminalsSnapshot, key: string): JobTerminalView | null {
  return snapshot.jobs.find((job) => job.key === key) ?? null;
}

/** A shell is live in this state: closing its tab loses it for good. */
export function isLive(state: JobTerminalState): boolean {
  return state.kind === 'open' || state.kind === 'held';
}
