import './state-bar.css';
import './ended-bar.css';
import { assertNever } from '../../../shared/assert-never';
import { END_REASONS, endActions, endTone, type EndAction } from '../../../shared/end-reasons';
import type { CloseReason } from '../../../shared/models';
import { Icon } from './icons';

export type EndedBarActions = Readonly<Record<EndAction, () => void>>;

const LABELS: Readonly<Record<EndAction, string>> = {
  reconnect: 'Reconnect',
  'sign-in': 'Sign in again',
  retry: 'Retry with terminal',
  'close-tab': 'Close tab',
  'view-log': 'View log',
  'open-in-gitlab': 'Open in GitLab',
};

/**
 * A terminal that has ended: why, in the tone its ending deserves (a release is calm, never red),
 * and only the actions the end-reason table says can work (no Reconnect into a finished job).
 */
export function EndedBar(props: {
  readonly reason: CloseReason;
  /** The account has a valid session now: "sign in again" has been done. */
  readonly signedIn: boolean;
  readonly actions: EndedBarActions;
}) {
  const { reason, signedIn } = props;
  const end = END_REASONS[reason.code];
  const tone = endTone(end.kind);
  const actions = endActions(reason.code, signedIn);
  // Once signed in again, the banner no longer asks for it: its condition has cleared.
  const text =
    end.reconnect === 'after-sign-in' && signedIn
      ? 'You are signed in again: Reconnect to open a new shell.'
      : reason.message;
  return (
    <div
      className={`state-bar ended-bar tone-${toneClass(tone)}`}
      role={tone === 'problem' ? 'alert' : 'status'}
      data-end={end.kind}
    >
      <span className="state-icon">
        <Icon name={ICONS[tone]} />
      </span>
      <span className="state-text">{text}</span>
      <span className="state-actions">
        {actions.map((action, index) => (
          <button
            key={action}
            className={index === 0 && isPrimary(action) ? 'primary' : undefined}
            onClick={props.actions[action]}
          >
            {LABELS[action]}
          </button>
        ))}
      </span>
    </div>
  );
}

const ICONS = { calm: 'check', info: 'info', problem: 'alert' } as const;

function toneClass(tone: ReturnType<typeof endTone>): string {
  switch (tone) {
    case 'calm':
      return 'calm';
    case 'info':
      return 'info';
    case 'problem':
      return 'closed';
    default:
      return assertNever(tone, 'end tone');
  }
}

/** Only a way forward is primary; closing a tab or reading a log is never pushed. */
function isPrimary(action: EndAction): boolean {
  return action === 'reconnect' || action === 'sign-in' || action === 'retry';
}
