/** Why a held-open alert went away, in words for an action that arrives after (issue 12). */
import type { CloseCode, SessionView } from '../../../shared/models';

/** "Already released", "the job was canceled", …: what ended the hold of these sessions. */
export function alertGoneMessage(
  sessionIds: readonly string[],
  sessions: readonly SessionView[],
): string {
  const session = sessions.find((s) => sessionIds.includes(s.id));
  if (session === undefined)
    return 'Nothing to do: the terminal’s tab was closed, which ended the hold.';
  const state = session.state;
  if (state.kind !== 'closed') return 'Nothing to do: the job is no longer held open.';
  return (
    GONE_BECAUSE[state.reason.code] ?? `Nothing to do: the terminal ended. ${state.reason.message}`
  );
}

/** The endings a late action hears about by name; any other says the terminal's own reason. */
const GONE_BECAUSE: Partial<Record<CloseCode, string>> = {
  released: 'Nothing to do: the job was already released.',
  'job-canceled': 'Nothing to do: the job was canceled.',
  'hold-timed-out': 'Nothing to do: the runner’s session timeout already ended the hold.',
  'job-finished': 'Nothing to do: the job has already finished.',
  'account-removed': 'Nothing to do: the account was removed.',
};
