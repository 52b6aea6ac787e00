import './history.css';
import { useMemo, useState } from 'react';
import {
  filterHistory,
  formatHeld,
  historyTotals,
  HISTORY_OUTCOMES,
  outcomeLabel,
  type HistoryFilter,
  type HistoryOutcome,
  type HistoryRecord,
  type HistoryTotals,
} from '../../../shared/history-models';
import { useApp } from '../../hooks/app-context';
import { download } from '../../terminal/workspace/terminal-pane';
import { useNow } from '../../terminal/workspace/use-now';
import { HistoryTable } from './history-table';
import { useHistory } from './use-history';

/** The attach history: every terminal session, newest first, with filters, totals and export. */
export function HistoryView({ onClose }: { readonly onClose: () => void }) {
  const { bridge } = useApp();
  const { list, error } = useHistory();
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [exportError, setExportError] = useState<string | null>(null);
  const records = useMemo(() => list?.records ?? [], [list]);
  const shown = useMemo(() => filterHistory(records, filter), [records, filter]);
  const now = useNow(false);
  const totals = useMemo(() => historyTotals(shown, now), [shown, now]);
  const accounts = distinct(records.map((r) => r.account));
  const projects = distinct(records.map((r) => r.projectPath));

  const exportAs = (format: 'csv' | 'json'): void => {
    setExportError(null);
    bridge.request('history.export', { format, filter: definedOnly(filter) }).then(
      (file) => {
        download(file.filename, file.mimeType, file.content);
      },
      (caught: unknown) => {
        setExportError(caught instanceof Error ? caught.message : String(caught));
      },
    );
  };

  return (
    <section className="history-view" aria-label="Attach history">
      <header className="history-head">
        <h1>History</h1>
        <span className="history-sub">every terminal session, newest first</span>
        <div className="spacer" />
        <button onClick={() => exportAs('csv')}>Export CSV</button>
        <button onClick={() => exportAs('json')}>Export JSON</button>
        <button onClick={onClose} aria-label="Close history">
          Close
        </button>
      </header>
      {list?.problem != null && (
        <p className="history-problem" role="alert">
          {list.problem}
        </p>
      )}
      {(error ?? exportError) !== null && (
        <p className="history-problem" role="alert">
          {error ?? exportError}
        </p>
      )}
      <Totals totals={totals} filtered={shown.length !== records.length} />
      <div className="history-filters">
        <FilterSelect
          label="Account"
          value={filter.account}
          options={accounts.map((a) => [a, a])}
          onChange={(account) => setFilter({ ...filter, account })}
        />
        <FilterSelect
          label="Project"
          value={filter.projectPath}
          options={projects.map((p) => [p, p])}
          onChange={(projectPath) => setFilter({ ...filter, projectPath })}
        />
        <FilterSelect
          label="Outcome"
          value={filter.outcome}
          options={HISTORY_OUTCOMES.map((o) => [o, outcomeLabel(o)])}
          onChange={(outcome) => setFilter({ ...filter, outcome: outcome as HistoryOutcome })}
        />
        <span className="history-count">
          {shown.length} of {records.length} sessions
        </span>
      </div>
      {list === null ? (
        <p className="history-empty">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="history-empty">
          {records.length === 0
            ? 'No sessions yet: every terminal you open is recorded here when it ends.'
            : 'No session matches these filters.'}
        </p>
      ) : (
        <HistoryTable records={shown} />
      )}
    </section>
  );
}

function Totals({
  totals,
  filtered,
}: {
  readonly totals: HistoryTotals;
  readonly filtered: boolean;
}) {
  return (
    <div className="history-totals" aria-label="Totals">
      <div className="history-total">
        <span className="history-total-label">
          Runner time held after scripts ended{filtered ? ' (filtered)' : ''}
        </span>
        <span className="history-total-value" data-testid="held-week">
          {formatHeld(totals.heldSecondsWeek)} <small>this week</small>
        </span>
        <span className="history-total-value" data-testid="held-all">
          {formatHeld(totals.heldSecondsAll)} <small>all time</small>
        </span>
      </div>
      <div className="history-total">
        <span className="history-total-label">Held jobs ended</span>
        <span className="history-total-value" data-testid="released-you">
          {totals.releasedByYou} <small>released by you</small>
        </span>
        <span className="history-total-value" data-testid="released-auto">
          {totals.releasedByAuto} <small>by auto-release</small>
        </span>
        <span className="history-total-value" data-testid="timed-out">
          {totals.timedOut} <small>timed out</small>
        </span>
      </div>
    </div>
  );
}

function FilterSelect(props: {
  readonly label: string;
  readonly value: string | undefined;
  readonly options: readonly (readonly [string, string])[];
  readonly onChange: (value: string | undefined) => void;
}) {
  return (
    <label className="history-filter">
      {props.label}
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">All</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function distinct(values: readonly string[]): readonly string[] {
  return [...new Set(values)].sort();
}

/** The filter without undefined fields (the contract refuses explicit undefineds over JSON). */
function definedOnly(filter: HistoryFilter): HistoryFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}

export type { HistoryRecord };
