import './controls.css';
import './state-bar.css';
import type { ReactNode } from 'react';
import type { SessionView } from '../../../shared/models';
import { describeState } from './session-status';
import { EndedBar, type EndedBarActions } from './ended-bar';
import { HeldBanner } from './held-banner';

/** Under the toolbar whenever the session is not simply open: why, and what to do about it. */
export function StateBar(props: {
  readonly session: SessionView;
  readonly now: number;
  readonly onReconnect: () => void;
  readonly onRelease: () => void;
  readonly onKeep: () => void;
  /** The session's account is signed in (a "sign in again" banner clears with its cause). */
  readonly signedIn: boolean;
  /** Close tab, View log, Open in GitLab, Sign in again: what an ended terminal can offer. */
  readonly ended: Omit<EndedBarActions, 'reconnect'>;
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
        <EndedBar
          reason={state.reason}
          signedIn={props.signedIn}
          actions={{ ...props.ended, reconnect: props.onReconnect }}
        />
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
