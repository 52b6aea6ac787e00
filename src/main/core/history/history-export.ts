/** The attach history as a file to save: CSV (for spreadsheets) or JSON (records and totals). */
import { outcomeLabel, type HistoryList, type HistoryRecord } from '../../../shared/history-models';
import type { Transcript } from '../../../shared/models';

export type HistoryExportFormat = 'csv' | 'json';

const CSV_COLUMNS = [
  'started',
  'ended',
  'account',
  'instance',
  'project',
  'job_id',
  'job_name',
  'pipeline_id',
  'outcome',
  'reason',
  'reconnects',
  'held_seconds',
  'released_by',
  'transcript_text',
  'transcript_asciicast',
  'source',
] as const;

/** The history (already filtered) in `format`, named by the time of export. */
export function exportHistory(
  list: HistoryList,
  format: HistoryExportFormat,
  now: number,
): Transcript {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  if (format === 'json') {
    return {
      filename: `jobshell-history-${stamp}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify({ totals: list.totals, records: list.records }, null, 2)}\n`,
    };
  }
  const rows = list.records.map((record) => csvRow(record).map(csvCell).join(','));
  return {
    filename: `jobshell-history-${stamp}.csv`,
    mimeType: 'text/csv',
    content: `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`,
  };
}

function csvRow(r: HistoryRecord): readonly (string | number)[] {
  return [
    new Date(r.startedAt).toISOString(),
    new Date(r.endedAt).toISOString(),
    r.account,
    r.instance,
    r.projectPath,
    r.jobId,
    r.jobName,
    r.pipelineId ?? '',
    outcomeLabel(r.outcome),
    r.reason,
    r.reconnects,
    r.heldSeconds,
    r.releasedBy ?? '',
    r.transcripts?.text ?? '',
    r.transcripts?.asciicast ?? '',
    r.source,
  ];
}

/**
 * RFC 4180 quoting, and a leading quote mark for text a spreadsheet would run as a formula
 * (job names and reasons come from GitLab and the runner, not from us).
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
