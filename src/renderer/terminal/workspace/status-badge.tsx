import './controls.css';
import './status-badge.css';
import type { SessionState } from '../../../shared/models';
import { badgeFor } from './session-status';

/** The state of a session in a few characters: spinner, countdown, or a coloured word. */
export function StatusBadge(props: { readonly state: SessionState; readonly now: number }) {
  const badge = badgeFor(props.state, props.now);
  return (
    <span
      className={`status-badge tone-${badge.tone} urgency-${badge.urgency}`}
      data-state={props.state.kind}
    >
      {badge.spinner ? <span className="spinner" aria-hidden="true" /> : <span className="dot" />}
      {/* "Open" is the normal case: a green dot says it; the word stays for screen readers. */}
      <span className={badge.tone === 'ok' ? 'sr-only' : 'badge-label'}>{badge.label}</span>
    </span>
  );
}
