import type { IncomingMessage } from 'node:http';
import { header } from '../http/request';
import type { PersonalAccessToken, User } from '../state/model';
import type { Store } from '../state/store';
import { sessionFromCookies, webUser } from '../web/web-session';
import { apiJson, API_ERRORS, type ApiResponse } from './api-response';

/** Who an API request acts as (Gitlab::Auth::AuthFinders). */
export type ApiAuth =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'token'; readonly user: User; readonly token: PersonalAccessToken }
  | { readonly kind: 'session'; readonly user: User }
  | { readonly kind: 'bad-token'; readonly problem: 'unknown' | 'revoked' };

function presentedToken(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const privateToken = header(req.headers, 'private-token') ?? query.get('private_token');
  if (privateToken != null) return privateToken;
  const authorization = header(req.headers, 'authorization');
  const bearer =
    authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  return bearer ?? query.get('access_token') ?? undefined;
}

function isReadMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * `find_user_from_warden`: the session counts only for a `verified_request?`, that is GET/HEAD, or
 * any other method whose `X-CSRF-Token` is the session's own token (Gitlab::RequestForgeryProtection).
 */
function sessionUser(store: Store, req: IncomingMessage): User | null {
  const cookie = header(req.headers, 'cookie');
  if (isReadMethod(req.method ?? 'GET')) return webUser(store, cookie);
  const session = sessionFromCookies(store, cookie);
  const presented = header(req.headers, 'x-csrf-token');
  if (session === undefined || presented === undefined || presented !== session.csrfToken)
    return null;
  return webUser(store, cookie);
}

/**
 * A presented token wins (and fails loudly when bad); without one, the session cookie counts for
 * GET/HEAD, and for writes that carry the session's CSRF token (else they are anonymous: 401).
 */
export function authenticateApi(
  store: Store,
  req: IncomingMessage,
  query: URLSearchParams,
): ApiAuth {
  const value = presentedToken(req, query);
  if (value !== undefined) {
    const token = store.tokens.get(value);
    const user = token === undefined ? undefined : store.users.get(token.userId);
    if (token === undefined || user === undefined) return { kind: 'bad-token', problem: 'unknown' };
    if (token.revoked) return { kind: 'bad-token', problem: 'revoked' };
    token.lastUsedAt = new Date();
    return { kind: 'token', user, token };
  }
  const user = sessionUser(store, req);
  return user === null ? { kind: 'anonymous' } : { kind: 'session', user };
}

const REVOKED_DESCRIPTION = 'Token was revoked. You have to re-authorize from the user profile.';
const SCOPE_DESCRIPTION =
  'The request requires higher privileges than provided by the access token.';

/** Gitlab::Auth::RevokedError as APIGuard renders it. */
export function badTokenResponse(problem: 'unknown' | 'revoked'): ApiResponse {
  switch (problem) {
    case 'unknown':
      return API_ERRORS.unauthorized();
    case 'revoked':
      return apiJson(
        401,
        { error: 'invalid_token', error_description: REVOKED_DESCRIPTION },
        {
          'WWW-Authenticate': `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${REVOKED_DESCRIPTION}"`,
        },
      );
  }
}

/** A `read_api` token may only read; anything else needs `api` (APIGuard InsufficientScopeError). */
export function scopeProblem(auth: ApiAuth, method: string): ApiResponse | null {
  if (auth.kind !== 'token' || isReadMethod(method) || auth.token.scopes.includes('api'))
    return null;
  return apiJson(
    403,
    { error: 'insufficient_scope', error_description: SCOPE_DESCRIPTION, scope: 'api' },
    {
      'WWW-Authenticate': `Bearer realm="Protected by OAuth 2.0", error="insufficient_scope", error_description="${SCOPE_DESCRIPTION}", scope="api"`,
    },
  );
}
