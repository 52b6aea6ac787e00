/**
 * Re-checks a stored account against GitLab: is the session still signed in (as the same user),
 * and is the token still accepted? Network trouble gives 'offline', never "expired".
 */
import { createGitlabClient } from '../../gitlab/gitlab-client';
import { GitlabError } from '../../gitlab/gitlab-error';
import type { TokenMeta } from '../storage/stored-record';
import { tokenExpiryTime, type Target } from './check-before-save';

export type CheckVerdict =
  | { readonly kind: 'signed-in'; readonly token: TokenMeta | null }
  | { readonly kind: 'session-expired'; readonly problem: string }
  | { readonly kind: 'token-expired'; readonly problem: string }
  | { readonly kind: 'offline'; readonly problem: string };

export interface StoredCredentials {
  readonly userId: number;
  readonly cookieHeader: string | null;
  readonly token: string | null;
}

/** Asks GitLab about the stored session (and token) of one account. */
export async function checkAccount(
  target: Target,
  stored: StoredCredentials,
  now: number,
): Promise<CheckVerdict> {
  if (stored.cookieHeader === null) {
    return {
      kind: 'session-expired',
      problem: 'No session is stored for this account: sign in again.',
    };
  }
  const client = createGitlabClient(target.http, {
    ...target,
    cookieHeader: stored.cookieHeader,
    token: null,
  });
  try {
    const user = (await client.currentUser('cookie')).value;
    if (user.id !== stored.userId) {
      return {
        kind: 'session-expired',
        problem: `The stored session now belongs to @${user.username}: sign in again.`,
      };
    }
  } catch (error) {
    if (error instanceof GitlabError && error.kind === 'unauthorized') {
      return {
        kind: 'session-expired',
        problem: 'The GitLab session has expired or was signed out: sign in again.',
      };
    }
    return { kind: 'offline', problem: offlineProblem(error) };
  }
  return stored.token === null
    ? { kind: 'signed-in', token: null }
    : checkStoredToken(target, stored.token, now);
}

async function checkStoredToken(target: Target, token: string, now: number): Promise<CheckVerdict> {
  const client = createGitlabClient(target.http, { ...target, cookieHeader: null, token });
  try {
    const self = (await client.tokenSelf()).value;
    const expiry = tokenExpiryTime(self.expires_at);
    if (self.revoked || !self.active || (expiry !== null && expiry <= now)) {
      return {
        kind: 'token-expired',
        problem: `The token ${self.revoked ? 'was revoked' : 'has expired'}: set a new one (the session is used until then).`,
      };
    }
    return { kind: 'signed-in', token: { scopes: self.scopes, expiresAt: self.expires_at } };
  } catch (error) {
    if (
      error instanceof GitlabError &&
      (error.kind === 'unauthorized' || error.kind === 'not-found')
    ) {
      return {
        kind: 'token-expired',
        problem:
          'GitLab no longer accepts the token (revoked or expired): set a new one (the session is used until then).',
      };
    }
    // The session works; a token we cannot check right now is not a reason to stop.
    return { kind: 'signed-in', token: null };
  }
}

function offlineProblem(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `GitLab cannot be checked right now (${reason}); Jobshell keeps trying.`;
}
