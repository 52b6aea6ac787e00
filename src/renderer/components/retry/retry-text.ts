/** Words for retry with terminal: states, failure reasons, durations. Pure, so it is tested. */
import type { FinishedJobView, RetryState } from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';

/** GitLab's failure_reason values, as its job page words them (CommitStatus failure reasons). */
const FAILURE_REASONS: Readonly<Record<string, string>> = {
  script_failure: 'script failed',
  job_execution_timeout: 'timed out',
  runner_system_failure: 'runner system failure',
  stuck_or_timeout_failure: 'stuck or timed out',
  runner_unsupported: 'runner unsupported',
  api_failure: 'API failure',
  missing_dependency_failure: 'missing dependency',
  archived_failure: 'project archived',
  unmet_prerequisites: 'unmet prerequisites',
  scheduler_failure: 'scheduler failure',
  data_integrity_failure: 'data integrity failure',
  unknown_failure: 'unknown failure',
};

/** The failure in words, or "canceled". */
export function failureText(job: FinishedJobView): string {
  if (job.status === 'canceled') return 'canceled';
  if (job.failureReason === null) return 'failed';
  return FAILURE_REASONS[job.failureReason] ?? job.failureReason.replaceAll('_', ' ');
}

/** "3m 05s", "42s", "1h 02m"; "—" when the job never ran. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Where a retry is, for its row and tab ("Waiting for a runner · 12s"). */
export function retryStateText(state: RetryState, now: number): string {
  switch (state.kind) {
    case 'retrying':
      return 'Retrying…';
    case 'pending':
      return `Waiting for a runner · ${durationText(Math.max(0, (now - state.queuedSince) / 1000))}`;
    case 'attaching':
      return 'Runner picked it up: attaching…';
    case 'attached':
      return 'Attached: the failure will be held for you';
    case 'held':
      return 'Held: the script ended, your terminal keeps the job';
    case 'ended':
      return state.message;
    default:
      return assertNever(state);
  }
}
