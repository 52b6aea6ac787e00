/**
 * What a session's state means for the UI: the tab badge, the toolbar's state line, which actions
 * make sense, and whether keystrokes go anywhere. Pure, so every state's wording is tested.
 */
import { assertNever } from '../../../shared/assert-never';
import { END_REASONS, endTone } from '../../../shared/end-reasons';
import type { SessionState } from '../../../shared/models';
import { countdownUrgency, formatCountdown, secondsUntil, type Urgency } from './countdown';

/** `calm`: ended on purpose or simply over (a release is never shown as an error). */
export type BadgeTone = 'busy' | 'ok' | 'held' | 'warning' | 'closed' | 'calm';

export interface Badge {
  readonly tone: BadgeTone;
  readonly label: string;
  /** Held badges colour their countdown by how little time is left. */
  readonly urgency: Urgency;
  readonly spinner: boolean;
}

/** The small status badge on a tab. */
export function badgeFor(state: SessionState, now: number): Badge {
  switch (state.kind) {
    case 'connecting':
      return {
        tone: 'busy',
        label: state.waitingForRunner ? 'Waiting for runner' : 'Connecting',
        urgency: 'normal',
        spinner: true,
      };
    case 'open':
      return { tone: 'ok', label: 'Open', urgency: 'normal', spinner: false };
    case 'held': {
      const left = state.hold.deadline - now;
      return {
        tone: 'held',
        label: `Held ${formatCountdown(left)}`,
        urgency: countdownUrgency(left),
        spinner: false,
      };
    }
    case 'checking':
      return { tone: 'warning', label: 'Checking', urgency: 'normal', spinner: true };
    case 'reconnecting':
      return {
        tone: 'warning',
        label: `Reconnecting (${state.attempt})`,
        urgency: 'normal',
        spinner: true,
      };
    case 'closed': {
      const end = END_REASONS[state.reason.code];
      // Green only for an ending the user chose; the rest are quiet grey (the banner says why).
      const tone = endTone(end.kind) === 'calm' ? 'calm' : 'closed';
      return { tone, label: end.badge, urgency: 'normal', spinner: false };
    }
    default:
      return assertNever(state, 'session state');
  }
}

/** One readable sentence about the connection, for the toolbar and the tab's tooltip. */
export function describeState(state: SessionState, now: number): string {
  switch (state.kind) {
    case 'connecting': {
      const attempt = state.attempt > 1 ? ` (attempt ${state.attempt})` : '';
      return state.waitingForRunner
        ? `Waiting for the runner to start the terminal${attempt}…`
        : `Connecting${attempt}…`;
    }
    case 'open':
      return 'Connected.';
    case 'held':
      return `${holdSentence(state.hold.scriptResult)} ${formatCountdown(state.hold.deadline - now)} left.`;
    case 'checking':
      return 'Connection dropped; asking GitLab why…';
    case 'reconnecting': {
      const wait = secondsUntil(state.at, now);
      const when = wait > 0 ? `in ${wait} s` : 'now';
      return `${state.lastReason.message} Reconnecting ${when} (attempt ${state.attempt})…`;
    }
    case 'closed':
      return state.reason.message;
    default:
      return assertNever(state, 'session state');
  }
}

/** The first sentence of the held banner. */
export function holdSentence(scriptResult: 'passed' | 'failed' | null): string {
  const finished =
    scriptResult === null
      ? 'The job’s script finished.'
      : `The job’s script finished (${scriptResult}).`;
  return `${finished} Your terminal is keeping the job running:`;
}

/** True when keystrokes reach a shell; otherwise they are dropped and the user is told why. */
export function acceptsInput(state: SessionState): boolean {
  return state.kind === 'open' || state.kind === 'held';
}

/** Why typing does nothing right now (shown in the status line), or null when it works. */
export function inputBlockedReason(state: SessionState): string | null {
  switch (state.kind) {
    case 'open':
    case 'held':
      return null;
    case 'connecting':
      return 'Not connected yet: your keystrokes were not sent.';
    case 'checking':
      return 'The connection dropped: your keystrokes were not sent.';
    case 'reconnecting':
      return 'Reconnecting: your keystrokes were not sent.';
    case 'closed':
      return END_REASONS[state.reason.code].reconnect === 'never'
        ? 'This terminal has ended: your keystrokes were not sent.'
        : 'This terminal has ended: your keystrokes were not sent. Use Reconnect for a new shell.';
    default:
      return assertNever(state, 'session state');
  }
}

export interface SessionActions {
  readonly reconnect: boolean;
  readonly release: boolean;
  readonly keep: boolean;
  readonly syncSize: boolean;
}

/** Which toolbar buttons apply in this state. */
export function actionsFor(state: SessionState): SessionActions {
  const held = state.kind === 'held';
  return {
    reconnect:
      state.kind === 'reconnecting' ||
      (state.kind === 'closed' && END_REASONS[state.reason.code].reconnect !== 'never'),
    release: held,
    keep: held && !state.hold.kept,
    syncSize: acceptsInput(state),
  };
}
