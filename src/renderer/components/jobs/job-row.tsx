import { useState, type ReactNode, type Ref } from 'react';
import type { JobView } from '../../../shared/models';
import { ActionMenu, type MenuItem } from '../common/action-menu';
import { useNow } from '../../terminal/workspace/use-now';
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
  /** Slot beside the name for a small state mark (e.g. "tab open", "held 04:12"). */
  readonly mark?: ReactNode;
  /** More entries for the row's "More actions" menu, after the built-in ones. */
  readonly extraMenuItems?: readonly MenuItem[];
}

/**
 * One job on at most two lines: status, name, elapsed time, and either where it runs or why no
 * terminal can be opened. The primary action (open the terminal) is Enter or a double-click, and
 * a button shown on hover, focus and selection; the rest sit in the "More actions" menu. The
 * selected row expands so a long reason is read in full, never cut off.
 */
export function JobRow(props: JobRowProps) {
  const { job, selected, canCancel, actions, onSelect, rowRef } = props;
  const now = useNow(true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const running = job.status === 'running';
  const elapsed = formatElapsed(running ? job.startedAt : job.createdAt, now);
  const terminal = job.terminal;
  const items: MenuItem[] = [
    {
      id: 'open-terminal',
      label: 'Open terminal',
      onSelect: () => actions.openTerminal(job),
      disabled: !terminal.available,
      ...(terminal.available ? {} : { title: terminal.reason }),
    },
    {
      id: 'open-in-gitlab',
      label: 'Open job in GitLab',
      onSelect: () => actions.openInBrowser(job),
    },
    { id: 'view-log', label: 'View log', onSelect: () => actions.viewLog(job) },
    ...(props.extraMenuItems ?? []),
    ...(canCancel && job.mine
      ? [{ id: 'cancel', label: 'Cancel job…', danger: true, onSelect: () => setConfirming(true) }]
      : []),
  ];
  return (
    <li
      ref={rowRef}
      className={`job-row${selected ? ' selected' : ''}${terminal.available ? '' : ' unavailable'}`}
      data-job-key={job.key}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      aria-label={`${job.name} in ${job.projectPath}`}
      onFocus={(e) => {
        // The row itself (keyboard). Focus moving into its buttons must not select it: a
        // selected row grows, and the button under the pointer would move before the click.
        if (e.target === e.currentTarget) onSelect();
      }}
      onClick={onSelect}
      onDoubleClick={() => {
        if (terminal.available) actions.openTerminal(job);
      }}
    >
      <div className="job-line">
        <span className={`job-status job-status-${job.status}`}>{job.status}</span>
        <span className="job-name" title={job.name}>
          {job.name}
        </span>
        <JobTerminalMark jobKey={job.key} />
        {props.mark}
        <span
          className="job-elapsed"
          title={
            running ? 'Running for (minutes:seconds)' : 'Waiting to start for (minutes:seconds)'
          }
        >
          {running ? elapsed : `waiting ${elapsed}`}
        </span>
        <span className="job-row-actions">
          {terminal.available && (
            <button
              type="button"
              className="primary job-open"
              aria-label="Open terminal"
              title="Open an interactive terminal into this job (Enter or double-click)"
              onClick={(e) => {
                e.stopPropagation();
                actions.openTerminal(job);
              }}
            >
              Open
            </button>
          )}
          <ActionMenu label={`More actions for ${job.name}`} items={items} />
        </span>
      </div>
      {confirming ? (
        <div className="job-confirm" role="group" aria-label={`Cancel ${job.name}?`}>
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
        <div className="job-sub">
          {terminal.available ? (
            <>
              <span className="job-terminal-badge" title="A terminal can be opened">
                Terminal
              </span>
              <JobMeta job={job} />
            </>
          ) : (
            <>
              <span className="job-terminal-reason" title={terminal.reason}>
                {terminal.reason}
              </span>
              {selected && <JobMeta job={job} />}
            </>
          )}
        </div>
      )}
    </li>
  );
}

/** Stage, ref, pipeline, runner and (for others' jobs) who started it, on one truncating line. */
function JobMeta({ job }: { readonly job: JobView }) {
  const parts = [
    job.stage,
    job.ref,
    job.pipelineId === null ? null : `#${job.pipelineId}`,
    job.runner ?? 'no runner yet',
    !job.mine && job.startedBy !== null ? `@${job.startedBy}` : null,
  ].filter((part): part is string => part !== null && part !== '');
  const text = parts.join(' · ');
  return (
    <span
      className="job-meta"
      title={`Stage ${job.stage} · ref ${job.ref} · runner ${job.runner ?? 'none yet'}`}
    >
      {text}
    </span>
  );
}
