import { assertNever } from '../../../shared/assert-never';
import type { AccountJobs, AccountState } from '../../../shared/models';
import { useNow } from '../../terminal/workspace/use-now';
import { formatAgo, formatClock } from './job-groups';

/** The account's list state in words: loading, stale, error or paused, each with what to do. */
export function AccountStatus({
  entry,
  onRetry,
  accountState = 'signed-in',
  onSignIn,
}: {
  readonly entry: AccountJobs | null;
  readonly onRetry: () => void;
  /** An account that needs sign-in says so, never "Loading…" (no list comes until then). */
  readonly accountState?: AccountState;
  readonly onSignIn?: () => void;
}) {
  const stale = entry?.status === 'stale';
  const now = useNow(stale);
  if (accountState === 'session-expired') {
    return (
      <div className="jobs-note jobs-error" role="status" data-needs-sign-in="true">
        <p>Signed out: sign in again to list this account’s running jobs.</p>
        {onSignIn !== undefined && <button onClick={onSignIn}>Sign in again</button>}
      </div>
    );
  }
  if (entry === null) return <p className="jobs-note">Loading running jobs…</p>;
  switch (entry.status) {
    case 'ok':
      return null;
    case 'loading':
      return (
        <p className="jobs-note" role="status">
          Loading running jobs…
        </p>
      );
    case 'stale':
      return (
        <div className="jobs-note jobs-stale" role="status">
          <p>{entry.message ?? 'The list may be out of date.'}</p>
          <p>
            {entry.updatedAt === null
              ? 'Not updated yet'
              : `Last updated ${formatAgo(entry.updatedAt, now)}`}
            {entry.retryAt !== null && ` · next try at ${formatClock(entry.retryAt)}`}
          </p>
          <button onClick={onRetry}>Try now</button>
        </div>
      );
    case 'error':
      return (
        <div className="jobs-note jobs-error" role="alert">
          <p>{entry.message ?? 'The jobs of this account cannot be listed.'}</p>
          {entry.retryAt !== null && <p>Next try at {formatClock(entry.retryAt)}.</p>}
          <button onClick={onRetry}>Try now</button>
        </div>
      );
    case 'paused':
      return (
        <p className="jobs-note jobs-paused" role="status">
          {entry.message ?? 'Paused while Jobshell is hidden.'}
        </p>
      );
    default:
      return assertNever(entry.status, 'job list status');
  }
}
