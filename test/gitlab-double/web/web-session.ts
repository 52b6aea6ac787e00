import { SESSION_COOKIE } from '../core/constants';
import type { User, WebSession } from '../state/model';
import type { Store } from '../state/store';
import { parseCookies } from '../http/request';

export function sessionFromCookies(
  store: Store,
  cookieHeader: string | undefined,
): WebSession | undefined {
  const id = parseCookies(cookieHeader).get(SESSION_COOKIE);
  return id === undefined ? undefined : store.sessions.get(id);
}

/** The Warden user of a request: only the session cookie counts on web routes. */
export function webUser(store: Store, cookieHeader: string | undefined): User | null {
  const session = sessionFromCookies(store, cookieHeader);
  if (session?.userId == null) return null;
  return store.users.get(session.userId) ?? null;
}

/** The `_gitlab_session=<id>` pair, as a Cookie header carries it. */
export function cookiePair(session: WebSession): string {
  return `${SESSION_COOKIE}=${session.id}`;
}

export function setCookieHeader(session: WebSession, path: string, secure: boolean): string {
  return `${cookiePair(session)}; path=${path}; HttpOnly; SameSite=Lax${secure ? '; secure' : ''}`;
}

export function clearCookieHeader(path: string): string {
  return `${SESSION_COOKIE}=; path=${path}; max-age=0; expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`;
}
