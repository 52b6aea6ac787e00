import type { ReactNode } from 'react';
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
      return <ProgressBar tone="busy" text={describeState(state, now)} />;
    case 'checking':
      // Nothing to press: the verdict (closed with a reason, or reconnecting) follows at once.
      return <ProgressBar tone="warning" text={describeState(state, now)} />;
    case 'reconnecting':
      return (
        <ProgressBar tone="warning" text={describeState(state, now)}>
          <span className="state-actions">
            <button onClick={props.onReconnect}>Reconnect now</button>
          </span>
        </ProgressBar>
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

/** A state that is still moving (a spinner), with optional actions. */
function ProgressBar(props: {
  readonly tone: 'busy' | 'warning';
  readonly text: string;
  readonly children?: ReactNode;
}) {
  return (
    <div className={`state-bar tone-${props.tone}`} role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="state-text">{props.text}</span>
      {props.children}
    </div>
  );
}
