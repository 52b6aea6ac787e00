import './status-line.css';
import type { SessionView } from '../../../shared/models';
import { useAppState } from '../../hooks/app-context';
import { useKeymap } from '../../hooks/use-keymap';
import { chordText } from '../../keys/keymap';
import type { TerminalInfo } from '../xterm/terminal-entry';
import { Icon } from './icons';
import type { SizeHint } from './use-size-hint';

/** The font size the zoom level is a percentage of (the core's default). */
const DEFAULT_FONT_SIZE = 13;

/** The quiet line under a terminal: the latest notice, and facts about this connection. */
export function StatusLine(props: {
  readonly session: SessionView;
  readonly info: TerminalInfo;
  readonly sizeHint: SizeHint;
  readonly onSyncSize: () => void;
}) {
  const { session, info, sizeHint } = props;
  const keymap = useKeymap();
  const fontSize = useAppState((s) => s.settings?.fontSize ?? DEFAULT_FONT_SIZE);
  const zoom = Math.round((fontSize / DEFAULT_FONT_SIZE) * 100);
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
      {sizeHint.differs && sizeHint.shell !== null && (
        <button
          type="button"
          className="size-hint"
          onClick={props.onSyncSize}
          title={`The shell still thinks it is ${sizeHint.shell.cols}×${sizeHint.shell.rows}; this tab is ${info.cols}×${info.rows}. Sync size types "stty cols ${info.cols} rows ${info.rows}" into it.`}
        >
          size differs: Sync size
        </button>
      )}
      <span
        className="zoom-level"
        title={`Terminal font ${fontSize} px. ${chordText(keymap.chord('zoom-in'))} / ${chordText(keymap.chord('zoom-out'))} zoom, ${chordText(keymap.chord('zoom-reset'))} resets.`}
      >
        Zoom {zoom}%
      </span>
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
