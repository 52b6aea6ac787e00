import { randomBytes } from 'node:crypto';

/** GitLab session ids are 32 hex characters. */
export function sessionId(): string {
  return randomBytes(16).toString('hex');
}

/** Runner session endpoints and tokens are 64 hex characters (helpers/random_uuid.go). */
export function runnerSecret(): string {
  return randomBytes(32).toString('hex');
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
/** Length of the random part of a classic `glpat-` token. */
const TOKEN_BODY_LENGTH = 20;

export function personalAccessToken(): string {
  const bytes = randomBytes(TOKEN_BODY_LENGTH);
  let body = '';
  for (const b of bytes) body += TOKEN_ALPHABET.charAt(b % TOKEN_ALPHABET.length);
  return `glpat-${body}`;
}

export function csrfToken(): string {
  return randomBytes(32).toString('base64');
}

export function commitSha(seed: number): string {
  return randomBytes(20).toString('hex').replace(/^.{6}/, seed.toString(16).padStart(6, '0'));
}

export function requestId(): string {
  return randomBytes(13).toString('hex').toUpperCase();
}
