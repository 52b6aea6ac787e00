import { assertNever } from '../../../shared/assert-never';
import { END_REASONS } from '../../../shared/end-reasons';
import { terminalOfJob, type JobTerminalState } from '../../../shared/job-terminal';
import { useApp, useAppState } from '../../hooks/app-context';
import { countdownUrgency, formatCountdown } from '../../terminal/workspace/countdown';
import { useNow } from '../../terminal/workspace/use-now';

/**
 * A job card's mark for its terminal tab (issue 12): "Tab open", "Held 29:54", "Released", … — a
 * view of the core's job terminal model, so the card and the tab never disagree. A click brings
 * the tab to the front.
 */
export function JobTerminalMark({ jobKey }: { readonly jobKey: string }) {
  const { store } = useApp();
  const view = useAppState((s) => terminalOfJob(s.jobTerminals, jobKey));
  const held = view?.state.kind === 'held';
  const now = useNow(held);
  if (view === null) return null;
  const { label, tone } = markFor(view.state, now);
  return (
    <button
      type="button"
      className={`job-terminal-mark tone-${tone}`}
      data-terminal-state={view.state.kind}
      title="Show this job’s terminal tab"
      onClick={(event) => {
        event.stopPropagation();
        store.setActiveSession(view.sessionId);
      }}
    >
      {label}
    </button>
  );
}

type MarkTone = 'ok' | 'busy' | 'held' | 'warning' | 'danger' | 'ended';

/** The mark's words and colour for a state. */
export function markFor(state: JobTerminalState, now: number): { label: string; tone: MarkTone } {
  switch (state.kind) {
    case 'not-open':
      return { label: '', tone: 'ended' };
    case 'connecting':
      return { label: 'Tab connecting', tone: 'busy' };
    case 'open':
      return { label: 'Tab open', tone: 'ok' };
    case 'held': {
      const left = state.deadline - now;
      const urgency = countdownUrgency(left);
      return {
        label: `Held ${formatCountdown(left)}`,
        tone: urgency === 'normal' ? 'held' : urgency,
      };
    }
    case 'checking':
    case 'reconnecting':
      return { label: 'Tab reconnecting', tone: 'warning' };
    case 'ended':
      return { label: `Tab: ${END_REASONS[state.reason.code].badge.toLowerCase()}`, tone: 'ended' };
    default:
      return assertNever(state, 'job terminal state');
  }
}
