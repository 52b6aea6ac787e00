/**
 * Start-line credentials that stay the same from one start of the double to the next, for people
 * trying Jobshell by hand: an account saved in Jobshell keeps working after the double restarts
 * (otherwise every restart mints new cookies and tokens and the account turns "Session expired").
 * Derived from a seed with HMAC-SHA256, so a different seed gives different, unrelated values.
 * Only the start line's credentials are derived; sessions and tokens made later stay random.
 */
import { createHmac } from 'node:crypto';

/** The seed `--stable-credentials` uses when none is given. */
export const DEFAULT_CREDENTIALS_SEED = 'jobshell-gitlab-double';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
/** Length of the random-looking part of a classic `glpat-` token, as ids.ts mints them. */
const TOKEN_BODY_LENGTH = 20;

export interface StartCredentials {
  readonly sessionId: string;
  readonly apiToken: string;
  readonly readApiToken: string;
}

function derive(seed: string, label: string): Buffer {
  return createHmac('sha256', seed).update(label).digest();
}

function token(seed: string, label: string): string {
  let body = '';
  for (const b of derive(seed, label).subarray(0, TOKEN_BODY_LENGTH))
    body += TOKEN_ALPHABET.charAt(b % TOKEN_ALPHABET.length);
  return `glpat-${body}`;
}

/** The start line's credentials of one user under `seed`. */
export function stableCredentials(seed: string, username: string): StartCredentials {
  return {
    // GitLab session ids are 32 hex characters.
    sessionId: derive(seed, `session:${username}`).subarray(0, 16).toString('hex'),
    apiToken: token(seed, `token:api:${username}`),
    readApiToken: token(seed, `token:read_api:${username}`),
  };
}
