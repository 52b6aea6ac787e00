/**
 * What the tray shows, derived from the sessions alone (product C7): the Electron tray only
 * renders this, so every rule here is tested without Electron.
 */
import { assertNever } from '../../../shared/assert-never';
import type { SessionState, SessionView } from '../../../shared/models';
import { formatRemaining } from './hold-text';

export type TrayIcon = 'idle' | 'active' | 'attention';

export type TrayMenuItem =
  | { readonly kind: 'session'; readonly sessionId: string; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'release-all-idle'; readonly label: string; readonly enabled: boolean }
  | { readonly kind: 'show' }
  | { readonly kind: 'quit' };

export interface TrayModel {
  readonly icon: TrayIcon;
  readonly tooltip: string;
  readonly items: readonly TrayMenuItem[];
}

/** Longest menu label before the job name is cut: menus wider than that are hard to scan. */
const MAX_LABEL = 60;

function stateWords(state: SessionState, now: number): string {
  switch (state.kind) {
    case 'connecting':
      return state.waitingForRunner ? 'waiting for the runner' : 'connecting';
    case 'open':
      return 'open';
    case 'held':
      return `held open, ${formatRemaining(state.hold.deadline - now)} left${state.hold.idle ? ' (idle)' : ''}`;
    case 'checking':
      return 'checking why it dropped';
    case 'reconnecting':
      return `reconnecting (attempt ${state.attempt})`;
    case 'closed':
      return 'closed';
    default:
      return assertNever(state, 'session state');
  }
}

function sessionLabel(session: SessionView, now: number): string {
  const name = `${session.jobName} #${session.jobId}`;
  const cut = name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
  return `${cut} — ${stateWords(session.state, now)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Icon, tooltip and menu for the current sessions. */
export function deriveTray(sessions: readonly SessionView[], now: number): TrayModel {
  const live = sessions.filter((s) => s.state.kind !== 'closed');
  const held = live.filter((s) => s.state.kind === 'held');
  const idleHeld = held.filter((s) => s.state.kind === 'held' && s.state.hold.idle);
  const icon: TrayIcon = held.length > 0 ? 'attention' : live.length > 0 ? 'active' : 'idle';
  const tooltip =
    live.length === 0
      ? 'Jobshell: no terminals open'
      : `Jobshell: ${plural(live.length, 'terminal')} open` +
        (held.length > 0 ? `, ${plural(held.length, 'job')} held open` : '');
  const items: TrayMenuItem[] = [
    ...live.map((s) => ({
      kind: 'session' as const,
      sessionId: s.id,
      label: sessionLabel(s, now),
    })),
    ...(live.length > 0 ? [{ kind: 'separator' as const }] : []),
    {
      kind: 'release-all-idle',
      label:
        idleHeld.length > 0
          ? `Release all idle held jobs (${idleHeld.length})`
          : 'Release all idle held jobs',
      enabled: idleHeld.length > 0,
    },
    { kind: 'separator' },
    { kind: 'show' },
    { kind: 'quit' },
  ];
  return { icon, tooltip, items };
}
