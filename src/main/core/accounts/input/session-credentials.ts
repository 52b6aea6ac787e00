/** Session credentials: the Cookie header a pasted cookie, cookies.txt or the sign-in window stands for. */
import { ContractError, type SessionCredential } from '../../../../shared/contract';
import { checkSignInCookies, cookieHeaderOf, parseCookiesTxt, parsePastedCookie } from './cookies';
import type { AccountsContext } from '../service-context';
import type { Target } from '../verification/check-before-save';

type SessionDeps = Pick<AccountsContext, 'clock' | 'logger' | 'webSignIn'>;

/** The session cookies a credential stands for (the sign-in window for 'web-sign-in'). */
export async function sessionCookieHeader(
  deps: SessionDeps,
  id: string,
  target: Target,
  session: SessionCredential,
): Promise<string> {
  const { baseUrl, network } = target;
  switch (session.kind) {
    case 'cookie':
      return cookieHeaderOf(parsePastedCookie(session.value));
    case 'cookies-txt':
      return cookieHeaderOf(parseCookiesTxt(session.text, baseUrl, deps.clock.now()));
    case 'web-sign-in': {
      if (deps.webSignIn === null) throw noWebSignIn();
      return cookieHeaderOf(checkSignInCookies(await deps.webSignIn.signIn(id, baseUrl, network)));
    }
  }
}

/** Wipes an account's sign-in window partition; a failure is logged, not thrown. */
export async function clearWindow(deps: SessionDeps, id: string): Promise<void> {
  if (deps.webSignIn === null) return;
  try {
    await deps.webSignIn.clear(id);
  } catch (error) {
    deps.logger.log('warn', 'could not clear the sign-in partition', {
      accountId: id,
      error: String(error),
    });
  }
}

/** The error for a 'web-sign-in' where there is no sign-in window (browser mode). */
export function noWebSignIn(): ContractError {
  return new ContractError(
    'bad-input',
    "Signing in through GitLab's own page needs the desktop app. In browser mode, paste the _gitlab_session cookie or import a cookies.txt file instead.",
  );
}
