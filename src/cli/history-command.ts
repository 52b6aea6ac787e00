/** `jobshell history [--json]`: the attach history (the app's and `attach`'s) with its totals. */
import {
  formatHeld,
  outcomeLabel,
  type HistoryList,
  type HistoryRecord,
} from '../shared/history-models';
import { createHistoryStore, type Clock, type HistoryFileAt, type Logger } from '../main/core';
import { EXIT } from './exit-codes';

export interface HistoryCommand {
  readonly kind: 'history';
  readonly json: boolean;
}

/** Prints the history (newest first) and totals; a damaged file is reported on stderr. */
export async function runHistory(
  command: HistoryCommand,
  deps: {
    readonly file: HistoryFileAt;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly write: (text: string) => void;
    readonly warn: (text: string) => void;
  },
): Promise<number> {
  const store = createHistoryStore(deps.file, deps.clock, deps.logger);
  await store.load();
  const list = store.list();
  if (list.problem !== null) deps.warn(`jobshell: ${list.problem}\n`);
  deps.write(command.json ? historyJson(list) : historyTable(list));
  return EXIT.ok;
}

/** The same records and totals as the app's JSON export. */
export function historyJson(list: HistoryList): string {
  return `${JSON.stringify({ totals: list.totals, records: list.records }, null, 2)}\n`;
}

/** A table for people: one line per session, then the totals. */
export function historyTable(list: HistoryList): string {
  const { totals } = list;
  const summary = [
    `Runner time held after scripts ended: ${formatHeld(totals.heldSecondsWeek)} this week, ${formatHeld(totals.heldSecondsAll)} all time`,
    `Held jobs: ${totals.releasedByYou} released by you, ${totals.releasedByAuto} by auto-release, ${totals.timedOut} timed out`,
  ];
  if (list.records.length === 0) {
    return `No terminal sessions recorded yet.\n${summary.join('\n')}\n`;
  }
  const rows = list.records.map(row);
  const header = ['STARTED', 'JOB', 'PROJECT', 'ACCOUNT', 'OUTCOME', 'HELD', 'RELEASED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line), '', ...summary].join('\n')}\n`;
}

function row(r: HistoryRecord): readonly string[] {
  const started = new Date(r.startedAt).toISOString().slice(0, 16).replace('T', ' ');
  const outcome = r.outcome === 'refused' ? `refused: ${r.reason}` : outcomeLabel(r.outcome);
  return [
    started,
    `${r.jobName} #${r.jobId}`,
    r.projectPath,
    r.account,
    outcome,
    r.heldSeconds === 0 ? '-' : formatHeld(r.heldSeconds),
    r.releasedBy === null ? '-' : r.releasedBy === 'you' ? 'by you' : 'auto',
  ];
}
