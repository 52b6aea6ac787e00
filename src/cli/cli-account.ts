/**
 * The one account a CLI run has: made from the command line, checked the way the app checks a new
 * account (the session says who you are; a token must belong to the same user), and offered to the
 * core through the same AccountAccess interface the stored accounts use.
 */
import {
  checkToken,
  cookieHeaderOf,
  identifySession,
  type AccountAccess,
  type AccountConnection,
  type HttpTransport,
  type NetworkOptions,
  type SignInCookie,
} from '../main/core';

/** The CLI's only account id; it never leaves the process. */
export const CLI_ACCOUNT_ID = 'cli';

export interface ConnectInput {
  readonly http: HttpTransport;
  readonly baseUrl: string;
  readonly cookies: readonly SignInCookie[];
  readonly token: string | null;
  readonly network: NetworkOptions;
  readonly now: number;
}

/** Checks the credentials against GitLab and returns the connection (throws ContractErrors). */
export async function connectAccount(input: ConnectInput): Promise<AccountConnection> {
  const target = { http: input.http, baseUrl: input.baseUrl, network: input.network };
  const cookieHeader = cookieHeaderOf(input.cookies);
  const identity = await identifySession(target, cookieHeader);
  const tokenMeta =
    input.token === null ? null : await checkToken(target, input.token, identity, input.now);
  return {
    accountId: CLI_ACCOUNT_ID,
    baseUrl: input.baseUrl,
    userId: identity.userId,
    username: identity.username,
    cookieHeader,
    token: input.token,
    tokenScopes: tokenMeta?.scopes ?? [],
    network: input.network,
  };
}

/** An AccountAccess over one connection; like the app, a rejected credential expires it for good. */
export function singleAccountAccess(connection: AccountConnection): AccountAccess {
  let expired = false;
  const listeners = new Set<() => void>();
  const current = (): AccountConnection | null => (expired ? null : connection);
  return {
    connection: (accountId) => (accountId === connection.accountId ? current() : null),
    connections: () => {
      const live = current();
      return live === null ? [] : [live];
    },
    findByUrl: (url) => (isUnder(url, connection.baseUrl) ? current() : null),
    reportAuthFailure: () => {
      if (expired) return;
      expired = true;
      for (const listener of listeners) listener();
    },
    onConnectionsChanged: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Same origin, and the path lies under the base URL's relative root. */
function isUnder(input: string, baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return false;
  }
  const base = new URL(baseUrl);
  const root = base.pathname.replace(/\/+$/, '');
  return url.origin === base.origin && (root === '' || url.pathname.startsWith(`${root}/`));
}
