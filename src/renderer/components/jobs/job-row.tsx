import { useState, type Ref } from 'react';
import type { JobView } from '../../../shared/models';
import { useNow } from '../terminal/use-now';
import { formatElapsed } from './job-groups';
import { JobTerminalMark } from './job-terminal-mark';

export interface JobRowActions {
  readonly openTerminal: (job: JobView) => void;
  readonly openInBrowser: (job: JobView) => void;
  readonly viewLog: (job: JobView) => void;
  readonly cancel: (job: JobView) => Promise<void>;
}

export interface JobRowProps {
  readonly job: JobView;
  readonly selected: boolean;
  /** The account's token has the `api` scope, which cancelling needs. */
  readonly canCancel: boolean;
  readonly actions: JobRowActions;
  readonly onSelect: () => void;
  readonly rowRef: Ref<HTMLLIElement>;
}

/** One job: what it is, how long it runs, whether a terminal can be opened, and what to do. */
export function JobRow({ job, selected, canCancel, actions, onSelect, rowRef }: JobRowProps) {
  const now = useNow(true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const elapsed = formatElapsed(job.status === 'running' ? job.startedAt : job.createdAt, now);
  const terminal = job.terminal;
  return (
    <li
      ref={rowRef}
      className={`job-row${selected ? ' selected' : ''}`}
      data-job-key={job.key}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      aria-label={`${job.name} in ${job.projectPath}`}
      onFocus={onSelect}
      onClick={onSelect}
    >
      <div className="job-line">
        <span className={`job-status job-status-${job.status}`}>{job.status}</span>
        <span className="job-name">{job.name}</span>
        <span
          className="job-elapsed"
          title={job.status === 'running' ? 'Running for' : 'Waiting for'}
        >
          {elapsed}
        </span>
      </div>
      <div className="job-meta">
        <span>{job.stage}</span>
        {job.pipelineId !== null && <span>#{job.pipelineId}</span>}
        <span className="job-ref">{job.ref}</span>
        <span className="job-runner" title="Runner">
          {job.runner ?? 'no runner yet'}
        </span>
        {!job.mine && job.startedBy !== null && <span>@{job.startedBy}</span>}
      </div>
      <div className="job-line">
        {terminal.available ? (
          <span className="job-terminal-badge">Terminal</span>
        ) : (
          <span className="job-terminal-reason" title={terminal.reason}>
            {terminal.reason}
          </span>
        )}
        <JobTerminalMark jobKey={job.key} />
      </div>
      {confirming ? (
        <div className="job-actions job-confirm" role="group" aria-label={`Cancel ${job.name}?`}>
          <span>Cancel this job?</span>
          <button
            className="danger"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void actions.cancel(job).finally(() => {
                setBusy(false);
                setConfirming(false);
              });
            }}
          >
            Yes, cancel it
          </button>
          <button onClick={() => setConfirming(false)}>Keep running</button>
        </div>
      ) : (
        <div className="job-actions">
          <button
            className="primary"
            disabled={!terminal.available}
            title={
              terminal.available ? 'Open an interactive terminal into this job' : terminal.reason
            }
            onClick={() => actions.openTerminal(job)}
          >
            Open terminal
          </button>
          <button onClick={() => actions.openInBrowser(job)}>Open in browser</button>
          <button onClick={() => actions.viewLog(job)}>View log</button>
          {canCancel && job.mine && <button onClick={() => setConfirming(true)}>Cancel</button>}
        </div>
      )}
    </li>
  );
}
