/** What other services may use of an account (AccountConnection), and which account a GitLab URL belongs to. */
import type { AccountState } from '../../../../shared/models';
import type { AccountConnection } from '../../services';
import type { Entry } from '../storage/live-entry';

/** The connection of an entry in `state`, or null when it cannot talk to GitLab. */
export function connectionOf(entry: Entry, state: AccountState): AccountConnection | null {
  if (state === 'session-expired' || entry.cookieHeader === null) return null;
  // An expired token is left out: the session cookie still reads the API.
  const token = state === 'token-expired' ? null : entry.token;
  const { record } = entry;
  return {
    accountId: record.id,
    baseUrl: record.baseUrl,
    userId: record.userId,
    username: record.username,
    cookieHeader: entry.cookieHeader,
    token,
    tokenScopes: token === null ? [] : (record.token?.scopes ?? []),
    network: record.network,
  };
}

/** The signed-in connection whose base URL (origin + relative root) `url` lies under; longest root wins. */
export function findByUrl(
  connections: readonly AccountConnection[],
  url: string,
): AccountConnection | null {
  let target: URL;
  try {
    target = new URL(url.trim());
  } catch {
    return null;
  }
  if (target.protocol === 'wss:') target.protocol = 'https:';
  if (target.protocol === 'ws:') target.protocol = 'http:';
  let best: AccountConnection | null = null;
  let bestLength = -1;
  for (const connection of connections) {
    const base = new URL(connection.baseUrl);
    if (base.origin !== target.origin) continue;
    const root = base.pathname.replace(/\/+$/, '');
    const inside = target.pathname === root || target.pathname.startsWith(`${root}/`);
    if (inside && root.length > bestLength) {
      best = connection;
      bestLength = root.length;
    }
  }
  return best;
}
