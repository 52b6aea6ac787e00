import { formatHeld, outcomeLabel, type HistoryRecord } from '../../../shared/history-models';
import { useApp } from '../../hooks/app-context';
import { download } from '../../terminal/workspace/terminal-pane';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The sessions as rows: when, which job, whose, how it ended, held time, transcripts. */
export function HistoryTable({ records }: { readonly records: readonly HistoryRecord[] }) {
  return (
    <div className="history-table-wrap">
      <table className="history-table">
        <thead>
          <tr>
            <th>Started</th>
            <th>Job</th>
            <th>Account</th>
            <th>Outcome</th>
            <th className="num">Length</th>
            <th className="num">Reconnects</th>
            <th className="num">Held after script</th>
            <th>Released</th>
            <th>Transcript</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id} data-outcome={r.outcome} data-held-seconds={r.heldSeconds}>
              <td>{time.format(r.startedAt)}</td>
              <td>
                <span className="history-job">{r.jobName}</span>{' '}
                <span className="history-muted">#{r.jobId}</span>
                <div className="history-muted">
                  {r.projectPath}
                  {r.pipelineId === null ? '' : ` · pipeline ${r.pipelineId}`}
                  {r.source === 'cli' ? ' · jobshell attach' : ''}
                </div>
              </td>
              <td className="history-muted">{r.account}</td>
              <td title={r.reason}>
                <span className={`history-outcome outcome-${r.outcome}`}>
                  {outcomeLabel(r.outcome)}
                </span>
                {r.outcome === 'refused' && <div className="history-muted">{r.reason}</div>}
              </td>
              <td className="num">{formatHeld((r.endedAt - r.startedAt) / 1000)}</td>
              <td className="num">{r.reconnects}</td>
              <td className="num">{r.heldSeconds === 0 ? '–' : formatHeld(r.heldSeconds)}</td>
              <td>{releasedText(r)}</td>
              <td>
                <TranscriptLinks record={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function releasedText(r: HistoryRecord): string {
  if (r.releasedBy === 'you') return 'by you';
  if (r.releasedBy === 'auto') return 'auto-release';
  return '–';
}

function TranscriptLinks({ record }: { readonly record: HistoryRecord }) {
  const { bridge } = useApp();
  if (record.transcripts === null) return <span className="history-muted">–</span>;
  const open = (format: 'text' | 'asciicast'): void => {
    void bridge
      .request('history.transcript', { recordId: record.id, format })
      .then((file) => {
        download(file.filename, file.mimeType, file.content);
      })
      .catch(() => undefined);
  };
  return (
    <span className="history-links">
      <button className="link" title={record.transcripts.text} onClick={() => open('text')}>
        text
      </button>
      <button
        className="link"
        title={record.transcripts.asciicast}
        onClick={() => open('asciicast')}
      >
        cast
      </button>
    </span>
  );
}
