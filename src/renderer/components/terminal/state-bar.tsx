import type { SessionView } from '../../../shared/models';
import { describeState } from '../../terminal/session-status';
import { HeldBanner } from './held-banner';
import { Icon } from './icons';

/** Under the toolbar whenever the session is not simply open: why, and what to do about it. */
export function StateBar(props: {
  readonly session: SessionView;
  readonly now: number;
  readonly onReconnect: () => void;
  readonly onRelease: () => void;
  readonly onKeep: () => void;
}) {
  const { session, now } = props;
  const state = session.state;
  switch (state.kind) {
    case 'open':
      return null;
    case 'held':
      return (
        <HeldBanner hold={state.hold} now={now} onRelease={props.onRelease} onKeep={props.onKeep} />
      );
    case 'connecting':
      return (
        <div className="state-bar tone-busy" role="status">
          <span className="spinner" aria-hidden="true" />
          <span className="state-text">{describeState(state, now)}</span>
        </div>
      );
    case 'checking':
      // Nothing to press: the verdict (closed with a reason, or reconnecting) follows at once.
      return (
        <div className="state-bar tone-warning" role="status">
          <span className="spinner" aria-hidden="true" />
          <span className="state-text">{describeState(state, now)}</span>
        </div>
      );
    case 'reconnecting':
      return (
        <div className="state-bar tone-warning" role="status">
          <span className="spinner" aria-hidden="true" />
          <span className="state-text">{describeState(state, now)}</span>
          <span className="state-actions">
            <button onClick={props.onReconnect}>Reconnect now</button>
          </span>
        </div>
      );
    case 'closed':
      return (
        <div className="state-bar tone-closed" role="alert">
          <span className="state-icon">
            <Icon name="alert" />
          </span>
          <span className="state-text">{state.reason.message}</span>
          <span className="state-actions">
            <button className="primary" onClick={props.onReconnect}>
              Reconnect
            </button>
          </span>
        </div>
      );
  }
}
