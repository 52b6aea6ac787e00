import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DoubleContext } from '../core/context';
import { header, readForm } from '../http/request';
import { sendHtml, sendRedirect } from '../http/respond';
import { signInPage, twoFactorPage, unprocessablePage } from './html';
import { clearCookieHeader, sessionFromCookies, setCookieHeader, webUser } from './web-session';

/** Devise's failure message for a wrong login or password. */
export const INVALID_LOGIN = 'Invalid login or password.';
/** GitLab's message for a wrong second-factor code (AuthenticatesWithTwoFactor). */
export const INVALID_OTP = 'Invalid two-factor code.';

function cookiePath(ctx: DoubleContext): string {
  return ctx.config.root === '' ? '/' : ctx.config.root;
}

/** GET /users/sign_in: the form, bound to a not-yet-signed-in session for its CSRF token. */
export function showSignIn(ctx: DoubleContext, req: IncomingMessage, res: ServerResponse): void {
  const { store, config } = ctx;
  const cookie = header(req.headers, 'cookie');
  if (webUser(store, cookie) !== null) {
    sendRedirect(res, `${config.baseUrl}/`);
    return;
  }
  const existing = sessionFromCookies(store, cookie);
  const session = existing ?? store.newSession(null);
  sendHtml(res, 200, signInPage(`${config.root}/users/sign_in`, session.csrfToken, null), {
    'Set-Cookie': setCookieHeader(session, cookiePath(ctx), config.tls),
  });
}

/** POST /users/sign_in: checks the CSRF token, then the password; rotates the session id. */
export async function submitSignIn(
  ctx: DoubleContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { store, config } = ctx;
  const form = await readForm(req);
  const session = sessionFromCookies(store, header(req.headers, 'cookie'));
  if (session === undefined || form.get('authenticity_token') !== session.csrfToken) {
    // Rails' InvalidAuthenticityToken
    sendHtml(res, 422, unprocessablePage());
    return;
  }
  const action = `${config.root}/users/sign_in`;
  // GitLab's AuthenticatesWithTwoFactor: the second step posts `user[otp_attempt]` to the same
  // route, and the session remembers whose password was accepted (`session[:otp_user_id]`).
  const otpAttempt = form.get('user[otp_attempt]');
  if (otpAttempt !== null && session.otpUserId !== undefined) {
    const pending = store.users.get(session.otpUserId);
    if (pending?.otpCode === undefined || otpAttempt.trim() !== pending.otpCode) {
      sendHtml(res, 200, twoFactorPage(action, session.csrfToken, INVALID_OTP));
      return;
    }
    completeSignIn(ctx, res, session.id, pending.id);
    return;
  }
  const login = form.get('user[login]') ?? '';
  const user = store.userByLogin(login);
  if (user === undefined || user.password !== form.get('user[password]')) {
    sendHtml(
      res,
      200,
      signInPage(`${config.root}/users/sign_in`, session.csrfToken, INVALID_LOGIN, login),
    );
    return;
  }
  if (user.otpCode !== undefined) {
    // Password right, not signed in yet: the same session now waits for the second factor.
    store.sessions.set(session.id, { ...session, otpUserId: user.id });
    sendHtml(res, 200, twoFactorPage(action, session.csrfToken, null));
    return;
  }
  completeSignIn(ctx, res, session.id, user.id);
}

/** Signs the user in: a new session id (Devise rotates it), then off to the dashboard. */
function completeSignIn(
  ctx: DoubleContext,
  res: ServerResponse,
  preAuthSessionId: string,
  userId: number,
): void {
  const { store, config } = ctx;
  store.sessions.delete(preAuthSessionId);
  const signedIn = store.newSession(userId);
  sendRedirect(res, `${config.baseUrl}/`, {
    'Set-Cookie': setCookieHeader(signedIn, cookiePath(ctx), config.tls),
  });
}

/** /users/sign_out (any method): the session stops working everywhere. */
export function signOut(ctx: DoubleContext, req: IncomingMessage, res: ServerResponse): void {
  const session = sessionFromCookies(ctx.store, header(req.headers, 'cookie'));
  if (session !== undefined) ctx.store.sessions.delete(session.id);
  sendRedirect(res, `${ctx.config.baseUrl}/users/sign_in`, {
    'Set-Cookie': clearCookieHeader(cookiePath(ctx)),
  });
}
