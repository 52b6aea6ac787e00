import { describe, expect, it } from 'vitest';
import type { AccountRecord } from '../../../../../../src/main/core/accounts/storage/stored-record';
import { readRecords } from '../../../../../../src/main/core/accounts/storage/stored-record';
import {
  nextTimeChange,
  toView,
  type AccountRuntime,
} from '../../../../../../src/main/core/accounts/views/account-view';
import { DIRECT_NETWORK } from '../../../../../../src/main/core/ports';

const NOW = Date.UTC(2026, 0, 10, 12);
const record = (
  expiresAt: string | null,
  scopes: readonly string[] = ['read_api'],
): AccountRecord => ({
  id: 'a1',
  baseUrl: 'https://example.com:8443/gitlab',
  name: 'work',
  color: '#1f75cb',
  userId: 101,
  username: 'alice',
  displayName: 'Alice',
  network: DIRECT_NETWORK,
  token: { scopes, expiresAt },
});
const live: AccountRuntime = { state: 'signed-in', hasCookie: true, hasToken: true, problem: null };

describe('account view', () => {
  it('shows host with port, never a secret, and the token facts', () => {
    const view = toView(record(null), live, NOW);
    expect(view.host).toBe('example.com:8443');
    expect(view.state).toBe('signed-in');
    expect(view.tokenScopes).toEqual(['read_api']);
    expect(view.warnings).toEqual([]);
    expect(JSON.stringify(view)).not.toMatch(/cookie|token":"/i);
  });

  it('warns 7 days before the token expires, not 8', () => {
    expect(toView(record('2026-01-18'), live, NOW).warnings).toEqual([]);
    expect(toView(record('2026-01-17'), live, NOW).warnings).toEqual([
      'The token expires in 7 days (2026-01-17): create a new one and set it here.',
    ]);
    expect(toView(record('2026-01-11'), live, NOW).warnings[0]).toMatch(/expires in 1 day \(/);
  });

  it('is token-expired on the expiry date, with the session still usable', () => {
    const view = toView(record('2026-01-10'), live, NOW);
    expect(view.state).toBe('token-expired');
    expect(view.signedIn).toBe(true);
    expect(view.warnings[0]).toMatch(/expired on 2026-01-10/);
  });

  it('is session-expired without a cookie, offline with the reason', () => {
    expect(toView(record(null), { ...live, hasCookie: false }, NOW).state).toBe('session-expired');
    const offline = toView(record(null), { ...live, state: 'offline', problem: 'no route' }, NOW);
    expect(offline.state).toBe('offline');
    expect(offline.warnings).toEqual(['no route']);
  });

  it('reads stored records defensively', () => {
    const bad: number[] = [];
    const list = readRecords([record(null), { id: 'broken' }, 42], (index) => bad.push(index));
    expect(list).toHaveLength(1);
    expect(bad).toEqual([1, 2]);
    expect(readRecords('nonsense', () => undefined)).toEqual([]);
  });

  it('knows when time alone will change a view next', () => {
    const DAY = 86_400_000;
    const expiry = Date.UTC(2026, 0, 20);
    // 9.5 days left: the warning starts 7 days before expiry.
    expect(nextTimeChange([record('2026-01-20')], NOW)).toBe(expiry - 7 * DAY);
    // 2.5 days left: the count drops to 2 in half a day, then to 1, then it expires.
    const close = expiry - 2.5 * DAY;
    expect(nextTimeChange([record('2026-01-20')], close)).toBe(expiry - 2 * DAY);
    expect(nextTimeChange([record('2026-01-20')], expiry - 0.5 * DAY)).toBe(expiry);
    expect(nextTimeChange([record('2026-01-20')], expiry)).toBeNull();
    expect(nextTimeChange([record(null), record('2026-01-20'), record('2026-01-12')], NOW)).toBe(
      Date.UTC(2026, 0, 12) - DAY,
    );
  });
});
