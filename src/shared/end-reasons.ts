/**
 * How each way a terminal ends is shown, and which actions can still work (issue 12 item 3). One
 * table, exhaustive over CloseCode: a new end reason is one more row here, and the compiler asks
 * for it. Reconnect is offered only where a new connection can succeed: the job may still run and
 * the cause was the network, the runner's readiness, or a session that signing in again restores.
 */
import type { CloseCode } from './models';

/** What kind of ending this is, which sets the tone: a release is calm, never an error. */
export type EndKind =
  /** The user ended it on purpose (Release, closing the tab). */
  | 'released'
  /** The job is over (finished, canceled, timed out): nothing to reconnect to. */
  | 'job-over'
  /** GitLab refused it for a reason a retry does not change (not yours, no session server). */
  | 'refused'
  /** The GitLab session expired: sign in again, then Reconnect. */
  | 'sign-in'
  /** The connection failed or dropped while the job may still run: Reconnect can work. */
  | 'dropped'
  /** The shell inside the job exited: Reconnect starts a new one. */
  | 'shell-exited'
  /** Jobshell closed it (the account was removed). */
  | 'closed';

export type EndTone = 'calm' | 'info' | 'problem';

/** Actions a banner or notification may offer for an ended terminal. */
export type EndAction =
  'reconnect' | 'sign-in' | 'retry' | 'close-tab' | 'view-log' | 'open-in-gitlab';

/** When Reconnect is offered for an end reason. */
export type ReconnectRule = 'never' | 'always' | 'after-sign-in';

export interface EndPresentation {
  readonly kind: EndKind;
  /** The tab badge's word. */
  readonly badge: string;
  readonly reconnect: ReconnectRule;
}

const over = (badge: string): EndPresentation => ({ kind: 'job-over', badge, reconnect: 'never' });
const refused = (badge: string): EndPresentation => ({
  kind: 'refused',
  badge,
  reconnect: 'never',
});
const dropped = (badge: string): EndPresentation => ({
  kind: 'dropped',
  badge,
  reconnect: 'always',
});

/** The one mapping from end reason to presentation; tests check every row. */
export const END_REASONS: { readonly [C in CloseCode]: EndPresentation } = {
  'closed-by-user': { kind: 'released', badge: 'Closed', reconnect: 'never' },
  released: { kind: 'released', badge: 'Released', reconnect: 'never' },
  'sign-in-required': { kind: 'sign-in', badge: 'Signed out', reconnect: 'after-sign-in' },
  'not-allowed': refused('Refused'),
  'origin-rejected': refused('Refused'),
  'proxy-blocks-websocket': refused('Blocked'),
  // A runner that was not ready, or a terminal someone else held, may accept a later connection.
  'runner-unavailable': dropped('No runner'),
  'already-attached': dropped('In use'),
  'job-finished': over('Finished'),
  'hold-timed-out': over('Timed out'),
  'job-canceled': over('Canceled'),
  'shell-exited': { kind: 'shell-exited', badge: 'Exited', reconnect: 'always' },
  'connection-lost': dropped('Dropped'),
  'handshake-timeout': dropped('Timed out'),
  'tls-error': dropped('TLS error'),
  'network-error': dropped('Offline'),
  'account-removed': { kind: 'closed', badge: 'Closed', reconnect: 'never' },
  'protocol-error': dropped('Error'),
};

/** The tone of an ending: calm for the user's own choice, info when the job is simply over. */
export function endTone(kind: EndKind): EndTone {
  switch (kind) {
    case 'released':
    case 'closed':
    case 'shell-exited':
      return 'calm';
    case 'job-over':
      return 'info';
    case 'refused':
    case 'sign-in':
    case 'dropped':
      return 'problem';
  }
}

/**
 * The actions an ended terminal offers, in order (the first is the primary one). `signedIn`: the
 * account has a valid session now (after "sign in again" Reconnect becomes possible).
 */
export function endActions(code: CloseCode, signedIn: boolean): readonly EndAction[] {
  const rule = END_REASONS[code].reconnect;
  const reconnect =
    rule === 'always' || (rule === 'after-sign-in' && signedIn) ? (['reconnect'] as const) : [];
  const signIn = rule === 'after-sign-in' && !signedIn ? (['sign-in'] as const) : [];
  // A job that is over can be run again with the terminal attached (issue 14): the way to get
  // back into a failed job's state. The retry's own verdict says whether it can work.
  const retry = END_REASONS[code].kind === 'job-over' ? (['retry'] as const) : [];
  return [...signIn, ...reconnect, ...retry, 'close-tab', 'view-log', 'open-in-gitlab'];
}
