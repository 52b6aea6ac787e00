import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../../src/shared/contract';
import { fieldError } from '../../../../../src/renderer/components/accounts/account-errors';
import { normaliseBaseUrl } from '../../../../../src/main/core/accounts/input/base-url';
import {
  parseCookiesTxt,
  parsePastedCookie,
} from '../../../../../src/main/core/accounts/input/cookies';
import {
  parseCaBundle,
  parseFingerprint,
  parseProxy,
} from '../../../../../src/main/core/accounts/input/network-options';
import {
  sessionCredential,
  initialSessionDraft,
} from '../../../../../src/renderer/components/accounts/session-draft';

const placed = (code: ContractError['code'], message: string): string =>
  fieldError(new ContractError(code, message)).field;

describe('where the add-account form shows a core error', () => {
  it.each([
    ['bad-input', 'Plain http:// is refused: the session cookie would travel unencrypted.', 'url'],
    [
      'bad-input',
      'This does not look like GitLab: https://x/api/v4/version did not answer as GitLab’s API does.',
      'url',
    ],
    ['conflict', '@alice on x is already added, as "work".', 'url'],
    [
      'network',
      'x refused the connection. Check the address and port, and that GitLab is running.',
      'url',
    ],
    ['network', 'The certificate of x is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT).', 'url'],
    [
      'network',
      'Could not reach the proxy p:1 (ECONNREFUSED). Check the proxy address.',
      'network',
    ],
    [
      'bad-input',
      'Could not read the certificate: no "-----BEGIN CERTIFICATE-----" block was found.',
      'network',
    ],
    [
      'bad-input',
      'Only HTTP CONNECT proxies (http:// or https://) are supported, not socks5://.',
      'network',
    ],
    [
      'auth',
      'The token belongs to @bob but the session to @alice. Use a token of @alice.',
      'token',
    ],
    ['auth', 'GitLab did not accept the token: it is not a valid personal access token.', 'token'],
    ['auth', 'The token lacks the read_api scope (it has: read_user).', 'token'],
    ['auth', 'The session is not signed in to x: GitLab did not accept the cookie.', 'session'],
    ['bad-input', 'No _gitlab_session cookie in what was pasted.', 'session'],
    ['bad-input', 'Sign-in was cancelled.', 'session'],
    ['bad-input', 'The colour must be written as #rrggbb, e.g. #1f75cb.', 'name'],
    ['internal', 'Something went wrong inside Jobshell; see the log for details.', 'form'],
  ] as const)('%s "%s" → %s', (code, message, field) => {
    expect(placed(code, message)).toBe(field);
  });

  it('keeps the message verbatim and flags network failures for certificate inspection', () => {
    const error = fieldError(new ContractError('network', 'The certificate of x is not trusted.'));
    expect(error).toEqual({
      field: 'url',
      message: 'The certificate of x is not trusted.',
      network: true,
    });
    expect(fieldError(new Error('boom'))).toEqual({
      field: 'form',
      message: 'boom',
      network: false,
    });
  });
});

/** The error a core validator throws for `input`. */
function thrown(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  throw new Error('no error thrown');
}

describe('every validation message of the core lands next to its field', () => {
  it.each([
    '',
    'https://a b',
    'http://gitlab.example.com',
    'user:pass@gitlab.example.com',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ws://gitlab.example.com',
    'ftp://gitlab.example.com',
    'data:text/html,x',
    'https://gitlab.example.com/?a',
    'https://gitlab.example.com/#a',
    'https://',
    'https://gitlab.example.com/a/-/jobs/1',
  ])('URL %j', (input) => {
    expect(fieldError(thrown(() => normaliseBaseUrl(input))).field).toBe('url');
  });

  it.each([
    () => parsePastedCookie(''),
    () => parsePastedCookie('a b'),
    () => parsePastedCookie('a=b'),
    () => parseCookiesTxt('nothing', 'https://h', 0),
    () => parseCookiesTxt('h\tFALSE\t/\tFALSE\t0\tother\tx', 'https://h', 0),
  ])('session %#', (check) => {
    expect(fieldError(thrown(check)).field).toBe('session');
  });

  it.each([
    () => parseCaBundle('nope', 0),
    () => parseProxy('socks5://p:1'),
    () => parseProxy('http://u:p@p:1'),
    () => parseProxy('http://p:1/x'),
    () => parseFingerprint('AB'),
  ])('network %#', (check) => {
    expect(fieldError(thrown(check)).field).toBe('network');
  });
});

describe('session drafts', () => {
  it('starts with the sign-in window where there is one, and says what is missing', () => {
    expect(initialSessionDraft(true).mode).toBe('web-sign-in');
    const browser = initialSessionDraft(false);
    expect(browser.mode).toBe('cookie');
    expect(sessionCredential(browser)).toBe('Paste the value of the _gitlab_session cookie.');
    expect(sessionCredential({ ...browser, cookie: 'abc' })).toEqual({
      kind: 'cookie',
      value: 'abc',
    });
    expect(sessionCredential({ ...browser, mode: 'cookies-txt' })).toBe(
      'Choose a cookies.txt file.',
    );
    expect(sessionCredential({ ...browser, mode: 'cookies-txt', cookiesTxt: 'x' })).toEqual({
      kind: 'cookies-txt',
      text: 'x',
    });
  });
});
