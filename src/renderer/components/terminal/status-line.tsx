import type { SessionView } from '../../../shared/models';
import type { TerminalInfo } from '../../terminal/terminal-entry';
import { Icon } from './icons';

/** The quiet line under a terminal: the latest notice, and facts about this connection. */
export function StatusLine(props: { readonly session: SessionView; readonly info: TerminalInfo }) {
  const { session, info } = props;
  return (
    <div className="status-line">
      <span className={`status-notice${info.notice === null ? '' : ' has-notice'}`} role="status">
        {info.notice !== null && <Icon name="info" />} {info.notice ?? ''}
      </span>
      {session.droppedBytes > 0 && (
        <span className="status-warn" title="Output arrived faster than it could be shown">
          {formatBytes(session.droppedBytes)} of output dropped
        </span>
      )}
      {session.connections > 1 && (
        <span title="Every connection starts a new shell">Shell {session.connections}</span>
      )}
      {info.cols > 1 && (
        <span
          title={`This window shows ${info.cols} columns × ${info.rows} rows (drawn with ${info.renderer === 'webgl' ? 'WebGL' : 'the DOM renderer'}). The job's shell keeps its own size until you use Sync size.`}
        >{`${info.cols}×${info.rows}`}</span>
      )}
    </div>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
