import { describe, expect, it } from 'vitest';
import {
  checkSignInCookies,
  cookieHeaderOf,
  parseCookiesTxt,
  parsePastedCookie,
} from '../../../../../../src/main/core/accounts/input/cookies';

const NOW = Date.UTC(2026, 0, 10);
const FUTURE = String(Math.floor(NOW / 1000) + 86_400);
const PAST = String(Math.floor(NOW / 1000) - 86_400);

const line = (...fields: string[]): string => fields.join('\t');

describe('pasted session cookies', () => {
  it('takes a bare _gitlab_session value', () => {
    expect(parsePastedCookie('  abc123def  ')).toEqual([
      { name: '_gitlab_session', value: 'abc123def' },
    ]);
  });

  it('takes a whole Cookie header, with or without the "Cookie:" prefix', () => {
    const cookies = parsePastedCookie(
      'Cookie: known_sign_in=xyz; _gitlab_session=abc; preferred_language=en',
    );
    expect(cookieHeaderOf(cookies)).toBe(
      'known_sign_in=xyz; _gitlab_session=abc; preferred_language=en',
    );
  });

  it('drops Set-Cookie attributes', () => {
    const cookies = parsePastedCookie(
      '_gitlab_session=abc; path=/; HttpOnly; secure; SameSite=Lax',
    );
    expect(cookies).toEqual([{ name: '_gitlab_session', value: 'abc' }]);
  });

  it('needs the session cookie', () => {
    expect(() => parsePastedCookie('known_sign_in=xyz')).toThrow(/No _gitlab_session cookie/);
    expect(() => parsePastedCookie('')).toThrow(/Paste the value/);
    expect(() => parsePastedCookie('_gitlab_session=')).toThrow(/is empty/);
  });

  it('refuses values a cookie cannot carry (no header injection)', () => {
    expect(() => parsePastedCookie('abc def')).toThrow(/characters a cookie cannot have/);
    expect(() => parsePastedCookie('_gitlab_session=a"b')).toThrow(
      /characters a cookie cannot have/,
    );
    expect(() => parsePastedCookie('_gitlab_session=abc\r\nX-Evil: 1')).toThrow();
  });
});

describe('cookies.txt', () => {
  const base = 'https://gitlab.example.com/gitlab';

  it('keeps the cookies for the GitLab host, including #HttpOnly_ lines', () => {
    const text = [
      '# Netscape HTTP Cookie File',
      '# This is a generated file!  Do not edit.',
      '',
      line('#HttpOnly_gitlab.example.com', 'FALSE', '/', 'TRUE', '0', '_gitlab_session', 'sess1'),
      line('.example.com', 'TRUE', '/', 'TRUE', FUTURE, 'known_sign_in', 'k1'),
      line('other.example.org', 'FALSE', '/', 'TRUE', FUTURE, 'tracking', 'no'),
      line('gitlab.example.com', 'FALSE', '/elsewhere', 'TRUE', FUTURE, 'wrong_path', 'no'),
    ].join('\n');
    const cookies = parseCookiesTxt(text, base, NOW);
    expect(cookies).toEqual([
      { name: '_gitlab_session', value: 'sess1' },
      { name: 'known_sign_in', value: 'k1' },
    ]);
  });

  it('accepts CRLF files and tabs turned into spaces', () => {
    const text = `gitlab.example.com FALSE / TRUE ${FUTURE} _gitlab_session sess2\r\n`;
    expect(parseCookiesTxt(text, base, NOW)).toEqual([{ name: '_gitlab_session', value: 'sess2' }]);
  });

  it('says what is wrong with the file', () => {
    expect(() => parseCookiesTxt('hello world', base, NOW)).toThrow(/not a cookies.txt file/);
    expect(() =>
      parseCookiesTxt(
        line('github.com', 'FALSE', '/', 'TRUE', FUTURE, 'user_session', 'x'),
        base,
        NOW,
      ),
    ).toThrow(/no cookies for gitlab.example.com \(it has cookies for github.com\)/);
    expect(() =>
      parseCookiesTxt(
        line('gitlab.example.com', 'FALSE', '/', 'TRUE', FUTURE, 'known_sign_in', 'x'),
        base,
        NOW,
      ),
    ).toThrow(/but no _gitlab_session/);
    expect(() =>
      parseCookiesTxt(
        line('gitlab.example.com', 'FALSE', '/', 'TRUE', PAST, '_gitlab_session', 'x'),
        base,
        NOW,
      ),
    ).toThrow(/expired on 2026-01-09/);
  });

  it('does not match look-alike hosts', () => {
    const text = line(
      'evilgitlab.example.com',
      'TRUE',
      '/',
      'TRUE',
      FUTURE,
      '_gitlab_session',
      'x',
    );
    expect(() => parseCookiesTxt(text, base, NOW)).toThrow(/no cookies for gitlab.example.com/);
  });
});

describe('sign-in window cookies', () => {
  it('keeps them all but needs the session', () => {
    expect(
      checkSignInCookies([
        { name: '_gitlab_session', value: 's' },
        { name: 'a', value: 'b' },
      ]),
    ).toHaveLength(2);
    expect(() => checkSignInCookies([{ name: 'a', value: 'b' }])).toThrow(
      /without a _gitlab_session/,
    );
  });
});
