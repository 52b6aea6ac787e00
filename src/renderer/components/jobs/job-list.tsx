import './jobs.css';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { JobView } from '../../../shared/models';
import { useApp, useAppState } from '../../hooks/app-context';
import { startSignIn } from '../accounts/start-sign-in';
import { FinishedJobs } from '../retry/finished-jobs';
import { openExternal } from '../../web/open-external';
import { AccountStatus } from './account-status';
import { groupJobs, type AccountGroup } from './job-groups';
import { JobRow, type JobRowActions } from './job-row';
import { userMessage } from '../../forms/contract-messages';

export const EMPTY_JOBS_TEXT = 'No running jobs: start a pipeline, jobs appear within seconds';

/**
 * "My running jobs" across accounts: grouped by account and project, with a filter, ↑/↓ to move
 * and Enter to open the selected job's terminal. Other users' jobs sit in a collapsed group.
 */
export function JobList() {
  const { bridge, store } = useApp();
  const accounts = useAppState((s) => s.accounts);
  const lists = useAppState((s) => s.jobs);
  const sessions = useAppState((s) => s.sessions);
  const [filter, setFilter] = useState('');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [openOthers, setOpenOthers] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const filterRef = useRef<HTMLInputElement>(null);

  // The selection follows the tab in front (issue 12): card and tab point at the same job.
  // Adjusted while rendering, only when the tab in front changes (not on every session update).
  const activeSessionId = useAppState((s) => s.activeSessionId);
  const [followed, setFollowed] = useState(activeSessionId);
  if (followed !== activeSessionId) {
    setFollowed(activeSessionId);
    const session = sessions.find((s) => s.id === activeSessionId);
    if (session !== undefined) setSelectedKey(`${session.accountId}/${session.jobId}`);
  }

  const groups = useMemo(() => groupJobs(accounts, lists, filter), [accounts, lists, filter]);
  const visible = useMemo(() => visibleJobs(groups, openOthers), [groups, openOthers]);
  const selected = visible.find((j) => j.key === selectedKey) ?? visible[0] ?? null;

  const fail = useCallback((e: unknown) => {
    setError(userMessage(e));
  }, []);
  const actions: JobRowActions = useMemo(
    () => ({
      openTerminal: (job) => {
        setError(null);
        const target = {
          kind: 'job',
          accountId: job.accountId,
          projectId: job.projectId,
          jobId: job.id,
        } as const;
        bridge.request('terminal.open', { target }).then(({ sessionId }) => {
          store.setActiveSession(sessionId);
        }, fail);
      },
      openInBrowser: (job) => {
        openExternal(bridge, job.webUrl).catch(fail);
      },
      viewLog: (job) => {
        // The log pane lives in the job's terminal tab; without one, GitLab's job page shows it.
        const session = sessions.find((s) => s.accountId === job.accountId && s.jobId === job.id);
        if (session !== undefined) store.setActiveSession(session.id);
        else openExternal(bridge, job.webUrl).catch(fail);
      },
      cancel: (job) =>
        bridge
          .request('jobs.cancel', {
            accountId: job.accountId,
            projectId: job.projectId,
            jobId: job.id,
          })
          .then(() => undefined, fail),
    }),
    [bridge, store, sessions, fail],
  );

  const select = (job: JobView | undefined): void => {
    if (job === undefined) return;
    setSelectedKey(job.key);
    rows.current.get(job.key)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Keys typed into the filter or a button belong to them, except the arrows that leave the filter.
    const inFilter = event.target instanceof HTMLInputElement;
    const index = selected === null ? -1 : visible.indexOf(selected);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      select(inFilter ? visible[0] : visible[Math.min(index + 1, visible.length - 1)]);
    } else if (event.key === 'ArrowUp' && !inFilter) {
      event.preventDefault();
      select(visible[Math.max(index - 1, 0)]);
    } else if (
      event.key === 'Enter' &&
      event.target instanceof HTMLLIElement &&
      selected !== null
    ) {
      event.preventDefault();
      if (selected.terminal.available) actions.openTerminal(selected);
    } else if (isTypeToFilter(event) && event.target instanceof HTMLLIElement) {
      // Type-to-filter: a letter typed on a row goes to the filter, as in file managers.
      event.preventDefault();
      setFilter((previous) => previous + event.key);
      filterRef.current?.focus();
    }
  };
  const refresh = (): void => {
    bridge.request('jobs.refresh', {}).catch(fail);
  };

  return (
    <div className="jobs" onKeyDown={onKeyDown}>
      <div className="jobs-toolbar">
        <input
          ref={filterRef}
          type="search"
          className="jobs-filter"
          placeholder="Filter by job, project or ref"
          aria-label="Filter jobs"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button onClick={refresh} title="Refresh now" aria-label="Refresh jobs">
          ↻
        </button>
      </div>
      {error !== null && (
        <div className="jobs-note jobs-error" role="alert">
          <p>{error}</p>
          <button onClick={() => setError(null)}>Dismiss</button>
        </div>
      )}
      {groups.map((group) => (
        <AccountSection
          key={group.account.id}
          group={group}
          onlyAccount={groups.length === 1}
          filter={filter}
          selectedKey={selected?.key ?? null}
          othersOpen={openOthers.has(group.account.id)}
          onToggleOthers={(open) => {
            setOpenOthers((previous) => toggled(previous, group.account.id, open));
          }}
          actions={actions}
          onSelect={(job) => setSelectedKey(job.key)}
          rowRef={(key, element) => {
            if (element === null) rows.current.delete(key);
            else rows.current.set(key, element);
          }}
          onRetry={refresh}
        />
      ))}
    </div>
  );
}

interface AccountSectionProps {
  readonly group: AccountGroup;
  /** One account: the accounts panel above already names it, so no header is repeated here. */
  readonly onlyAccount: boolean;
  readonly filter: string;
  readonly selectedKey: string | null;
  readonly othersOpen: boolean;
  readonly onToggleOthers: (open: boolean) => void;
  readonly actions: JobRowActions;
  readonly onSelect: (job: JobView) => void;
  readonly rowRef: (key: string, element: HTMLLIElement | null) => void;
  readonly onRetry: () => void;
}

function AccountSection(props: AccountSectionProps) {
  const { group, actions } = props;
  const { account, entry } = group;
  // A token with `api`, or the web session with GitLab's CSRF token, can cancel.
  const canCancel = account.tokenScopes.includes('api') || account.signedIn;
  const row = (job: JobView) => (
    <JobRow
      key={job.key}
      job={job}
      selected={job.key === props.selectedKey}
      canCancel={canCancel}
      actions={actions}
      onSelect={() => props.onSelect(job)}
      rowRef={(element) => props.rowRef(job.key, element)}
    />
  );
  const ownCount = group.projects.reduce((n, p) => n + p.jobs.length, 0);
  const showEmpty =
    entry !== null && ownCount === 0 && (entry.status === 'ok' || entry.status === 'stale');
  return (
    <section className="jobs-account" aria-label={`Jobs of ${account.name}`}>
      <header
        className="jobs-account-header"
        title={`@${account.username} on ${account.baseUrl}`}
        hidden={props.onlyAccount}
      >
        <span
          className="jobs-account-dot"
          style={{ background: account.color }}
          aria-hidden="true"
        />
        <span className="jobs-account-name">{account.name}</span>
        {!account.name.includes(account.host) && (
          <span className="jobs-account-host">{account.host}</span>
        )}
      </header>
      <AccountStatus
        entry={entry}
        onRetry={props.onRetry}
        accountState={account.state}
        onSignIn={() => {
          startSignIn(account.id);
        }}
      />
      {group.projects.map((project) => (
        <div className="jobs-project" key={project.projectPath}>
          <h3 className="jobs-project-path">{project.projectPath}</h3>
          <ul className="jobs-rows">{project.jobs.map(row)}</ul>
        </div>
      ))}
      {showEmpty &&
        (props.filter.trim() === '' || group.filteredOut === 0 ? (
          <p className="jobs-empty">{EMPTY_JOBS_TEXT}</p>
        ) : (
          <p className="jobs-empty">No job matches “{props.filter.trim()}”.</p>
        ))}
      {group.others.length > 0 && (
        <details
          className="jobs-others"
          open={props.othersOpen}
          onToggle={(e) => props.onToggleOthers(e.currentTarget.open)}
        >
          <summary>Started by others ({group.others.length})</summary>
          <ul className="jobs-rows">{group.others.map(row)}</ul>
        </details>
      )}
      <FinishedJobs entry={entry} filter={props.filter} />
    </section>
  );
}

/** The rows ↑/↓ walk through, top to bottom; collapsed groups are skipped. */
function visibleJobs(
  groups: readonly AccountGroup[],
  openOthers: ReadonlySet<string>,
): readonly JobView[] {
  return groups.flatMap((g) => [
    ...g.projects.flatMap((p) => p.jobs),
    ...(openOthers.has(g.account.id) ? g.others : []),
  ]);
}

/** A printable character without a modifier (Shift aside): the start of a filter. */
function isTypeToFilter(event: KeyboardEvent<HTMLDivElement>): boolean {
  return (
    event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey
  );
}

function toggled(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
