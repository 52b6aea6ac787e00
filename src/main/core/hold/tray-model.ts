/**
 * What the tray shows, derived from the job terminal model alone (product C7, issue 12): the
 * Electron tray only renders this, so every rule here is tested without Electron.
 */
import { assertNever } from '../../../shared/assert-never';
import { END_REASONS } from '../../../shared/end-reasons';
import type { JobTerminalState, JobTerminalView } from '../../../shared/job-terminal';
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

function stateWords(state: JobTerminalState, now: number): string {
  switch (state.kind) {
    case 'not-open':
      return 'no tab';
    case 'connecting':
      return state.waitingForRunner ? 'waiting for the runner' : 'connecting';
    case 'open':
      return 'open';
    case 'held':
      return `held open, ${formatRemaining(state.deadline - now)} left${state.idle ? ' (idle)' : ''}`;
    case 'checking':
      return 'checking why it dropped';
    case 'reconnecting':
      return `reconnecting (attempt ${state.attempt})`;
    case 'ended':
      return END_REASONS[state.reason.code].badge.toLowerCase();
    default:
      return assertNever(state, 'job terminal state');
  }
}

function sessionLabel(session: JobTerminalView, now: number): string {
  const name = `${session.jobName} #${session.jobId}`;
  const cut = name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
  return `${cut} — ${stateWords(session.state, now)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Icon, tooltip and menu for the job terminals of the current snapshot. */
export function deriveTray(sessions: readonly JobTerminalView[], now: number): TrayModel {
  const live = sessions.filter((s) => s.state.kind !== 'ended' && s.state.kind !== 'not-open');
  const held = live.filter((s) => s.state.kind === 'held');
  const idleHeld = held.filter((s) => s.state.kind === 'held' && s.state.idle);
  const icon: TrayIcon = held.length > 0 ? 'attention' : live.length > 0 ? 'active' : 'idle';
  const tooltip =
    live.length === 0
      ? 'Jobshell: no terminals open'
      : `Jobshell: ${plural(live.length, 'terminal')} open` +
        (held.length > 0 ? `, ${plural(held.length, 'job')} held open` : '');
  const items: TrayMenuItem[] = [
    ...live.map((s) => ({
      kind: 'session' as const,
      sessionId: s.sessionId,
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
