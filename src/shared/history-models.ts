/**
 * Attach history (issue 15): one record per terminal session, kept by the core in the data
 * directory and shown by the History view and `jobshell history`. Readonly, serialisable data.
 */
import { assertNever } from './assert-never';

/** How a session ended, in the words of the History view (from the core's close reasons). */
export type HistoryOutcome =
  | 'closed'
  | 'released'
  | 'hold-timed-out'
  | 'job-canceled'
  | 'job-finished'
  | 'shell-exited'
  | 'network'
  | 'refused'
  | 'signed-out';

export const HISTORY_OUTCOMES: readonly HistoryOutcome[] = [
  'closed',
  'released',
  'hold-timed-out',
  'job-canceled',
  'job-finished',
  'shell-exited',
  'network',
  'refused',
  'signed-out',
];

/** Who had Jobshell release a job held open by its idle terminal: the user, or the auto-release policy. */
export type ReleasedBy = 'you' | 'auto';

/** Where a session's automatic transcripts were written (absolute paths), when they were. */
export interface TranscriptFiles {
  readonly text: string;
  readonly asciicast: string;
}

export interface HistoryRecord {
  /** Unique across processes (the app and `jobshell attach` share one file). */
  readonly id: string;
  readonly source: 'app' | 'cli';
  /** The app's account id; null for `jobshell attach` sessions (no stored account). */
  readonly accountId: string | null;
  /** `@username on host`. */
  readonly account: string;
  /** The GitLab base URL. */
  readonly instance: string;
  readonly projectId: number;
  readonly projectPath: string;
  readonly jobId: number;
  readonly jobName: string;
  readonly pipelineId: number | null;
  readonly webUrl: string;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: HistoryOutcome;
  /** The sentence the tab showed when it ended (for `refused`: why GitLab refused). */
  readonly reason: string;
  /** Automatic reconnects within this session (a manual Reconnect starts a new record). */
  readonly reconnects: number;
  /** Seconds this terminal kept the job running after its script had ended. */
  readonly heldSeconds: number;
  /** Jobshell released the held job (and at whose word); null when it did not. */
  readonly releasedBy: ReleasedBy | null;
  readonly transcripts: TranscriptFiles | null;
}

export interface HistoryTotals {
  readonly sessions: number;
  /** Runner time held after scripts ended, sessions that ended in the last 7 days. */
  readonly heldSecondsWeek: number;
  readonly heldSecondsAll: number;
  readonly releasedByYou: number;
  readonly releasedByAuto: number;
  readonly timedOut: number;
}

export interface HistoryList {
  /** Newest first. */
  readonly records: readonly HistoryRecord[];
  readonly totals: HistoryTotals;
  /** A problem with the history file the user should know of (it was set aside), else null. */
  readonly problem: string | null;
}

export interface HistoryFilter {
  readonly accountId?: string | null;
  readonly account?: string;
  readonly projectPath?: string;
  readonly outcome?: HistoryOutcome;
}

/** "This week": a rolling 7 days, so the figure does not depend on a time zone or week start. */
export const HISTORY_WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The records matching every given filter field, newest first. */
export function filterHistory(
  records: readonly HistoryRecord[],
  filter: HistoryFilter,
): readonly HistoryRecord[] {
  return records
    .filter(
      (r) =>
        (filter.account === undefined || r.account === filter.account) &&
        (filter.projectPath === undefined || r.projectPath === filter.projectPath) &&
        (filter.outcome === undefined || r.outcome === filter.outcome),
    )
    .toSorted((a, b) => b.startedAt - a.startedAt);
}

/** The totals over `records` as of `now`. */
export function historyTotals(records: readonly HistoryRecord[], now: number): HistoryTotals {
  let heldSecondsWeek = 0;
  let heldSecondsAll = 0;
  let releasedByYou = 0;
  let releasedByAuto = 0;
  let timedOut = 0;
  for (const record of records) {
    heldSecondsAll += record.heldSeconds;
    if (now - record.endedAt <= HISTORY_WEEK_MS) heldSecondsWeek += record.heldSeconds;
    if (record.releasedBy === 'you') releasedByYou += 1;
    if (record.releasedBy === 'auto') releasedByAuto += 1;
    if (record.outcome === 'hold-timed-out') timedOut += 1;
  }
  return {
    sessions: records.length,
    heldSecondsWeek,
    heldSecondsAll,
    releasedByYou,
    releasedByAuto,
    timedOut,
  };
}

/** Short words for an outcome (History view, CSV, CLI table). */
export function outcomeLabel(outcome: HistoryOutcome): string {
  switch (outcome) {
    case 'closed':
      return 'you closed it';
    case 'released':
      return 'released';
    case 'hold-timed-out':
      return 'hold timed out';
    case 'job-canceled':
      return 'job canceled';
    case 'job-finished':
      return 'job finished';
    case 'shell-exited':
      return 'the shell exited';
    case 'network':
      return 'network';
    case 'refused':
      return 'refused';
    case 'signed-out':
      return 'signed out';
    default:
      return assertNever(outcome, 'history outcome');
  }
}

/** `1 h 05 min`, `4 min 10 s`, `12 s`: held durations for people. */
export function formatHeld(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
