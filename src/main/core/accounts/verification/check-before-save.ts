/**
 * The checks an account's credentials pass before anything is saved: the URL is GitLab, the
 * session says who is signed in, and the optional token is a live personal access token of that
 * same user with a scope that can read the API.
 */
import { ContractError } from '../../../../shared/contract';
import { createGitlabClient, type GitlabClient } from '../../gitlab/gitlab-client';
import { GitlabError, isGitlabError } from '../../gitlab/gitlab-error';
import type { HttpTransport, NetworkOptions } from '../../ports';
import type { TokenMeta } from '../storage/stored-record';
import { toContractError } from './user-facing-errors';

export interface Identity {
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
}

export interface Target {
  readonly http: HttpTransport;
  readonly baseUrl: string;
  readonly network: NetworkOptions;
}

/** Scopes that let a token read the API; `api` also allows cancelling jobs. */
export const READ_SCOPES: readonly string[] = ['read_api', 'api'];

const MS_PER_DAY = 86_400_000;

/** Epoch ms at which a token with GitLab's `expires_at` date stops working (start of that day, UTC). */
export function tokenExpiryTime(expiresAt: string | null): number | null {
  if (expiresAt === null) return null;
  const time = Date.parse(
    /^\d{4}-\d{2}-\d{2}$/.test(expiresAt) ? `${expiresAt}T00:00:00Z` : expiresAt,
  );
  return Number.isNaN(time) ? null : time;
}

/** Whole days from `now` until `expiry` (rounded up). */
export function daysUntil(expiry: number, now: number): number {
  return Math.ceil((expiry - now) / MS_PER_DAY);
}

/** Trims a pasted token and refuses one that cannot be a token at all. */
export function cleanToken(input: string | undefined | null): string | null {
  const token = (input ?? '').trim();
  if (token === '') return null;
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new ContractError(
      'bad-input',
      'The token contains spaces, line breaks or other characters a token cannot have; paste it again.',
    );
  }
  return token;
}

/** Asks, without any credential, whether `baseUrl` is a GitLab; throws a specific ContractError if not. */
export async function probeGitlab(target: Target): Promise<void> {
  const client = clientFor(target, null, null);
  let verdict: 'gitlab' | 'not-gitlab';
  try {
    verdict = await client.versionProbe();
  } catch (error) {
    throw toContractError(error);
  }
  if (verdict === 'not-gitlab') {
    throw new ContractError(
      'bad-input',
      `This does not look like GitLab: ${target.baseUrl}/api/v4/version did not answer as GitLab's API does. Check the address; if GitLab is served under a path, include it (e.g. https://example.com/gitlab).`,
    );
  }
}

/** Who the session cookie belongs to (`GET /api/v4/user` with the cookie only). */
export async function identifySession(target: Target, cookieHeader: string): Promise<Identity> {
  const client = clientFor(target, cookieHeader, null);
  try {
    const user = (await client.currentUser('cookie')).value;
    return { userId: user.id, username: user.username, displayName: user.name };
  } catch (error) {
    if (isGitlabError(error, 'unauthorized')) {
      throw new ContractError(
        'auth',
        `The session is not signed in to ${new URL(target.baseUrl).host}: GitLab did not accept the cookie (it expired or was signed out). Sign in again, or paste a fresh _gitlab_session value.`,
      );
    }
    throw toContractError(error);
  }
}

/** Checks the token (live, right kind, read scope, same user as the session) and returns its details. */
export async function checkToken(
  target: Target,
  token: string,
  owner: Identity,
  now: number,
): Promise<TokenMeta> {
  const client = clientFor(target, null, token);
  const self = await tokenDetails(client);
  if (self.revoked)
    throw tokenError(
      'The token was revoked. Create a new personal access token with the read_api scope.',
    );
  const expiry = tokenExpiryTime(self.expires_at);
  if (!self.active || (expiry !== null && expiry <= now)) {
    const when = self.expires_at === null ? '' : ` on ${self.expires_at}`;
    throw tokenError(
      `The token expired${when}. Create a new personal access token with the read_api scope.`,
    );
  }
  if (!self.scopes.some((scope) => READ_SCOPES.includes(scope))) {
    const has = self.scopes.length === 0 ? 'no scopes' : self.scopes.join(', ');
    throw tokenError(
      `The token lacks the read_api scope (it has: ${has}). Create a token with read_api, or api to also cancel jobs.`,
    );
  }
  let user;
  try {
    user = (await client.currentUser('token')).value;
  } catch (error) {
    throw toContractError(error);
  }
  if (user.id !== owner.userId) {
    throw new ContractError(
      'auth',
      `The token belongs to @${user.username} but the session to @${owner.username}. Use a token of @${owner.username}.`,
    );
  }
  return { scopes: self.scopes, expiresAt: self.expires_at };
}

async function tokenDetails(client: GitlabClient): Promise<{
  readonly scopes: readonly string[];
  readonly expires_at: string | null;
  readonly active: boolean;
  readonly revoked: boolean;
}> {
  try {
    return (await client.tokenSelf()).value;
  } catch (error) {
    if (!(error instanceof GitlabError)) throw error;
    throw describeRejectedToken(error);
  }
}

/** The exact problem behind a token GitLab would not describe. */
function describeRejectedToken(error: GitlabError): unknown {
  const said = error.gitlabMessage ?? '';
  switch (error.kind) {
    case 'unauthorized':
      if (/expired/i.test(said)) {
        return tokenError(
          'The token has expired. Create a new personal access token with the read_api scope.',
        );
      }
      if (/revoked/i.test(said)) {
        return tokenError(
          'The token was revoked. Create a new personal access token with the read_api scope.',
        );
      }
      return tokenError(
        'GitLab did not accept the token: it is not a valid personal access token. Check that it was copied whole; deploy tokens and CI job tokens cannot be used.',
      );
    case 'not-found':
      return tokenError(
        'This is not a personal access token (GitLab has no personal-token details for it): deploy tokens and CI job tokens cannot be used. Create a personal access token with the read_api scope.',
      );
    case 'insufficient-scope':
    case 'forbidden':
      return tokenError(
        'The token lacks the read_api scope. Create a token with read_api, or api to also cancel jobs.',
      );
    case 'rate-limited':
    case 'server':
    case 'malformed':
    case 'not-gitlab':
    case 'network':
    case 'bad-request':
      return toContractError(error);
  }
}

function tokenError(message: string): ContractError {
  return new ContractError('auth', message);
}

function clientFor(
  target: Target,
  cookieHeader: string | null,
  token: string | null,
): GitlabClient {
  return createGitlabClient(target.http, {
    baseUrl: target.baseUrl,
    cookieHeader,
    token,
    network: target.network,
  });
}
