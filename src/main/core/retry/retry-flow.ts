/**
 * The retry-with-terminal state machine, pure: retrying → pending → attaching → attached → held,
 * with `ended` reachable from every state. The service feeds it what GitLab and the terminal say.
 */
import type { RetryState, SessionState } from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';

export type RetryEvent =
  /** GitLab created the new job (201). */
  | { readonly kind: 'retried'; readonly createdAt: number }
  /** A poll of the new job: its status and whether the runner has a terminal for it yet. */
  | { readonly kind: 'job'; readonly status: string; readonly terminal: boolean }
  /** The terminal tab exists (its session is connecting or open). */
  | { readonly kind: 'tab-opened' }
  /** The tab's session changed state. */
  | { readonly kind: 'session'; readonly state: SessionState }
  | { readonly kind: 'failed'; readonly message: string };

const FINISHED = ['success', 'failed', 'canceled', 'skipped'];

/** The state after `event`; unchanged when the event means nothing in this state. */
export function nextRetryState(state: RetryState, event: RetryEvent): RetryState {
  if (state.kind === 'ended') return state;
  switch (event.kind) {
    case 'failed':
      return { kind: 'ended', message: event.message, failed: true };
    case 'retried':
      return state.kind === 'retrying' ? { kind: 'pending', queuedSince: event.createdAt } : state;
    case 'job':
      return onJob(state, event.status, event.terminal);
    case 'tab-opened':
      return state.kind === 'attaching' || state.kind === 'pending' ? { kind: 'attached' } : state;
    case 'session':
      return onSession(state, event.state);
    default:
      return assertNever(event);
  }
}

function onJob(state: RetryState, status: string, terminal: boolean): RetryState {
  if (state.kind !== 'pending' && state.kind !== 'attaching') return state;
  if (FINISHED.includes(status)) {
    return {
      kind: 'ended',
      message: `The new job ${status === 'success' ? 'passed' : status} before a terminal could attach.`,
      failed: true,
    };
  }
  if (status === 'running' && terminal) return { kind: 'attaching' };
  return state;
}

function onSession(state: RetryState, session: SessionState): RetryState {
  if (state.kind !== 'attached' && state.kind !== 'held' && state.kind !== 'attaching')
    return state;
  switch (session.kind) {
    case 'held':
      return { kind: 'held' };
    case 'open':
      return state.kind === 'attaching' ? { kind: 'attached' } : state;
    case 'closed':
      return { kind: 'ended', message: session.reason.message, failed: false };
    case 'connecting':
    case 'checking':
    case 'reconnecting':
      return state;
    default:
      return assertNever(session);
  }
}

/** States in which a second "retry" of the same job must not reach GitLab. */
export function isRetryInProgress(state: RetryState): boolean {
  return state.kind !== 'ended';
}
