import { describe, expect, it } from 'vitest';
import {
  END_REASONS,
  endActions,
  endTone,
  type ReconnectRule,
} from '../../../src/shared/end-reasons';
import type { CloseCode } from '../../../src/shared/models';

/**
 * When Reconnect can work, written here independently of the table: the compiler requires a row
 * for every CloseCode, so a new end reason fails this test until someone decides its rule.
 */
const EXPECTED_RECONNECT: { readonly [C in CloseCode]: ReconnectRule } = {
  'closed-by-user': 'never',
  released: 'never',
  'sign-in-required': 'after-sign-in',
  'not-allowed': 'never',
  'origin-rejected': 'never',
  'runner-unavailable': 'always',
  'already-attached': 'always',
  'proxy-blocks-websocket': 'never',
  'job-finished': 'never',
  'hold-timed-out': 'never',
  'job-canceled': 'never',
  'shell-exited': 'always',
  'connection-lost': 'always',
  'handshake-timeout': 'always',
  'tls-error': 'always',
  'network-error': 'always',
  'account-removed': 'never',
  'protocol-error': 'always',
};
const CODES = Object.keys(EXPECTED_RECONNECT) as CloseCode[];

describe('end reason → actions table', () => {
  it('has exactly one row per end reason', () => {
    expect(Object.keys(END_REASONS).sort()).toEqual([...CODES].sort());
  });

  it.each(CODES)('%s offers Reconnect only where a new connection can succeed', (code) => {
    const rule = EXPECTED_RECONNECT[code];
    expect(END_REASONS[code].reconnect).toBe(rule);
    for (const signedIn of [true, false]) {
      const offers = endActions(code, signedIn).includes('reconnect');
      expect(offers).toBe(rule === 'always' || (rule === 'after-sign-in' && signedIn));
    }
  });

  it.each(CODES)('%s can always be closed, read in the log and opened in GitLab', (code) => {
    const actions = endActions(code, true);
    expect(actions).toEqual(expect.arrayContaining(['close-tab', 'view-log', 'open-in-gitlab']));
    expect(new Set(actions).size).toBe(actions.length);
  });

  it('never offers Reconnect after the job is over, a release, or "not your job"', () => {
    for (const code of [
      'released',
      'job-finished',
      'hold-timed-out',
      'job-canceled',
      'not-allowed',
      'account-removed',
    ] as const) {
      expect(endActions(code, true)).not.toContain('reconnect');
    }
  });

  it('shows a release calmly and the job being over as information, never as a problem', () => {
    expect(endTone(END_REASONS.released.kind)).toBe('calm');
    expect(END_REASONS.released.badge).toBe('Released');
    for (const code of ['job-finished', 'hold-timed-out', 'job-canceled'] as const) {
      expect(endTone(END_REASONS[code].kind)).toBe('info');
    }
    expect(endTone(END_REASONS['connection-lost'].kind)).toBe('problem');
  });

  it('offers Retry with terminal first once the job is over, and nowhere else', () => {
    for (const code of CODES) {
      const over = ['job-finished', 'hold-timed-out', 'job-canceled'].includes(code);
      expect(endActions(code, true).includes('retry')).toBe(over);
      if (over) expect(endActions(code, true)[0]).toBe('retry');
    }
  });

  it('asks to sign in first after a session expired, then offers Reconnect', () => {
    expect(endActions('sign-in-required', false)[0]).toBe('sign-in');
    expect(endActions('sign-in-required', false)).not.toContain('reconnect');
    expect(endActions('sign-in-required', true)[0]).toBe('reconnect');
    expect(endActions('sign-in-required', true)).not.toContain('sign-in');
  });
});
