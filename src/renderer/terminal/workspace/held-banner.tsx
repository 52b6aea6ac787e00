import './state-bar.css';
import './held-banner.css';
import type { HoldInfo } from '../../../shared/models';
import { countdownUrgency, formatCountdown } from './countdown';
import { holdSentence } from './session-status';
import { Icon } from './icons';

/** The job is held open by this terminal: how long is left, and the two ways out. */
export function HeldBanner(props: {
  readonly hold: HoldInfo;
  readonly now: number;
  readonly onRelease: () => void;
  readonly onKeep: () => void;
}) {
  const { hold, now } = props;
  const left = hold.deadline - now;
  return (
    <div className={`state-bar held-banner urgency-${countdownUrgency(left)}`} role="status">
      <span className="held-icon">
        <Icon name="pause" />
      </span>
      <span className="state-text">
        {holdSentence(hold.scriptResult)}{' '}
        <strong className="countdown">{formatCountdown(left)}</strong> left.
        {hold.idle && <span className="held-idle"> No keystrokes for a while.</span>}
      </span>
      <span className="state-actions">
        {hold.kept ? (
          <span className="kept-note" title="No more reminders for this job">
            Kept
          </span>
        ) : (
          <button onClick={props.onKeep} title="Keep the job held and stop reminding me">
            Keep
          </button>
        )}
        <button
          className="primary"
          onClick={props.onRelease}
          title="Close the terminal's hold so the job finishes now"
        >
          Release job
        </button>
      </span>
    </div>
  );
}
