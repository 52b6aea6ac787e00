import '../../terminal/workspace/state-bar.css';
import './broadcast.css';
import type { BroadcastView } from '../../../shared/broadcast-models';
import { STOP_BROADCAST_LABEL } from './broadcast-shortcut';
import { IS_MAC } from '../../keys/platform';

/** In each target terminal: what you type here goes to all of these; skipped ones say why. */
export function BroadcastBanner(props: {
  readonly sessionId: string;
  readonly view: BroadcastView;
  readonly onStop: () => void;
}) {
  const { view, sessionId } = props;
  const self = view.targets.find((t) => t.sessionId === sessionId);
  if (self === undefined) return null;
  const live = view.targets.filter((t) => t.status.kind === 'live');
  const skipped = view.targets.flatMap((t) =>
    t.status.kind === 'skipped' ? [{ name: t.jobName, reason: t.status.reason }] : [],
  );
  const key = IS_MAC ? STOP_BROADCAST_LABEL.mac : STOP_BROADCAST_LABEL.other;
  return (
    <div className="state-bar broadcast-banner" role="status" data-testid="broadcast-banner">
      <span className="broadcast-dot" aria-hidden="true" />
      <span className="state-text">
        {self.status.kind === 'skipped' ? (
          <strong>Skipped by the broadcast ({self.status.reason}). </strong>
        ) : (
          <strong>Broadcasting: </strong>
        )}
        what you type here goes to {live.length} terminal{live.length === 1 ? '' : 's'}
        {live.length > 0 ? `: ${live.map((t) => t.jobName).join(', ')}` : ''}.
        {skipped.length > 0 && (
          <span className="broadcast-skipped-list">
            {' '}
            Skipped: {skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}.
          </span>
        )}
      </span>
      <span className="state-actions">
        <button className="primary" onClick={props.onStop} title={`Stop broadcasting (${key})`}>
          Stop broadcasting <kbd>{key}</kbd>
        </button>
      </span>
    </div>
  );
}
