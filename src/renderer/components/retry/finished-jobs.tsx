import { useState } from 'react';
import type { AccountJobs, FinishedJobView, RetryView } from '../../../shared/models';
import { useRetries } from '../../hooks/use-retries';
import { useNow } from '../../terminal/workspace/use-now';
import { RetryDialog } from './retry-dialog';
import { durationText, failureText, retryStateText } from './retry-text';
import './retry.css';

/**
 * The account's recently failed jobs (canceled ones collapsed), each with "Retry with terminal":
 * the way to debug a failure after the fact.
 */
export function FinishedJobs(props: {
  readonly entry: AccountJobs | null;
  readonly filter: string;
}) {
  const retries = useRetries();
  const [dialog, setDialog] = useState<FinishedJobView | null>(null);
  const words = props.filter.trim().toLowerCase();
  const all = (props.entry?.finished ?? []).filter(
    (job) =>
      words === '' || `${job.name} ${job.projectPath} ${job.ref}`.toLowerCase().includes(words),
  );
  if (all.length === 0) return null;
  const failed = all.filter((job) => job.status === 'failed');
  const canceled = all.filter((job) => job.status === 'canceled');
  const row = (job: FinishedJobView) => (
    <FinishedRow
      key={job.key}
      job={job}
      retry={retries.find((r) => r.key === job.key) ?? null}
      onRetry={() => setDialog(job)}
    />
  );
  return (
    <div className="finished-jobs" aria-label="Recently finished jobs">
      <h3 className="finished-title">Recently failed</h3>
      {failed.length > 0 && <ul className="finished-rows">{failed.map(row)}</ul>}
      {canceled.length > 0 && (
        <details className="finished-canceled">
          <summary>Canceled ({canceled.length})</summary>
          <ul className="finished-rows">{canceled.map(row)}</ul>
        </details>
      )}
      {dialog !== null && (
        <RetryDialog
          title={`${dialog.name} #${dialog.id}`}
          target={{
            kind: 'job',
            accountId: dialog.accountId,
            projectId: dialog.projectId,
            jobId: dialog.id,
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

function FinishedRow(props: {
  readonly job: FinishedJobView;
  readonly retry: RetryView | null;
  readonly onRetry: () => void;
}) {
  const { job, retry } = props;
  const now = useNow(retry !== null && retry.state.kind === 'pending');
  const busy = retry !== null && retry.state.kind !== 'ended';
  return (
    <li className="finished-row" data-job-key={job.key} aria-label={`${job.name} ${job.status}`}>
      <div className="job-line">
        <span className={`job-status job-status-${job.status}`}>{job.status}</span>
        <span className="job-name">{job.name}</span>
        <span className="job-elapsed" title="Ran for">
          {durationText(job.durationS)}
        </span>
      </div>
      <div className="job-meta">
        <span>{job.projectPath}</span>
        <span className="job-ref">{job.ref}</span>
        <span className="finished-reason">{failureText(job)}</span>
        {job.executor !== null && <span title="Executor (from the log)">{job.executor}</span>}
      </div>
      {retry !== null && (
        <p className={`finished-retry finished-retry-${retry.state.kind}`} role="status">
          {retry.newJobId !== null ? `#${retry.newJobId}: ` : ''}
          {retryStateText(retry.state, now)}
        </p>
      )}
      <div className="job-actions">
        <button className="primary" disabled={busy} onClick={props.onRetry}>
          Retry with terminal
        </button>
      </div>
    </li>
  );
}
