/**
 * Session cookies from the three places a user can bring them: a pasted `_gitlab_session` value or
 * Cookie header, a Netscape cookies.txt export, or the sign-in window's cookie jar.
 */
import { ContractError } from '../../../../shared/contract';
import type { SignInCookie } from '../../ports';

/** The cookie GitLab's web session lives in; without it no terminal handshake can succeed. */
export const SESSION_COOKIE = '_gitlab_session';

const bad = (message: string): ContractError => new ContractError('bad-input', message);

/** Set-Cookie attributes people paste along with the cookie; they are not cookies. */
const COOKIE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'path',
  'domain',
  'expires',
  'max-age',
  'secure',
  'httponly',
  'samesite',
  'priority',
  'partitioned',
]);

/** RFC 6265 token characters for a cookie name. */
const NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 6265 cookie-octets (no spaces, quotes, commas, semicolons, backslashes or controls). */
const VALUE_PATTERN = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/** A pasted `_gitlab_session` value, `name=value; …` header, or Set-Cookie line → cookies. */
export function parsePastedCookie(input: string): readonly SignInCookie[] {
  let text = input.trim().replace(/^(set-)?cookie:\s*/i, '');
  if (text === '') throw bad(`Paste the value of the ${SESSION_COOKIE} cookie.`);
  if (/[\r\n]/.test(text)) text = text.replace(/\s*[\r\n]+\s*/g, '; ');
  if (!text.includes('=')) {
    if (!VALUE_PATTERN.test(text)) {
      throw bad(
        `The pasted ${SESSION_COOKIE} value contains spaces, quotes or other characters a cookie cannot have.`,
      );
    }
    return [{ name: SESSION_COOKIE, value: text }];
  }
  const cookies: SignInCookie[] = [];
  for (const part of text.split(';')) {
    const pair = part.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    if (COOKIE_ATTRIBUTES.has(name.toLowerCase())) continue;
    const value = unquote(eq < 0 ? '' : pair.slice(eq + 1).trim());
    checkCookie(name, value);
    cookies.push({ name, value });
  }
  return requireSession(
    cookies,
    `No ${SESSION_COOKIE} cookie in what was pasted. Copy the ${SESSION_COOKIE} cookie of your GitLab from the browser's developer tools (Application → Cookies).`,
  );
}

/** The cookies for the GitLab at `baseUrl` from a Netscape cookies.txt file. */
export function parseCookiesTxt(
  text: string,
  baseUrl: string,
  now: number,
): readonly SignInCookie[] {
  const base = new URL(baseUrl);
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const basePath = `${base.pathname.replace(/\/+$/, '')}/`;
  const kept = new Map<string, SignInCookie>();
  const otherHosts = new Set<string>();
  let lines = 0;
  let expiredSession: number | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    const entry = parseLine(rawLine);
    if (entry === null) continue;
    lines += 1;
    if (
      !domainMatches(entry.domain, entry.includeSubdomains, host) ||
      !basePath.startsWith(pathPrefix(entry.path))
    ) {
      otherHosts.add(entry.domain.replace(/^\./, ''));
      continue;
    }
    if (entry.expires !== 0 && entry.expires * 1000 < now) {
      if (entry.name === SESSION_COOKIE) expiredSession = entry.expires;
      continue;
    }
    checkCookie(entry.name, entry.value);
    kept.set(entry.name, { name: entry.name, value: entry.value });
  }
  if (lines === 0) {
    throw bad(
      'This is not a cookies.txt file: no line has the seven tab-separated fields of the Netscape format.',
    );
  }
  if (kept.size === 0 && expiredSession === null) {
    const seen = [...otherHosts].slice(0, 5).join(', ');
    throw bad(
      `The cookies.txt file has no cookies for ${host}${seen === '' ? '' : ` (it has cookies for ${seen})`}.`,
    );
  }
  if (!kept.has(SESSION_COOKIE) && expiredSession !== null) {
    throw bad(
      `The ${SESSION_COOKIE} cookie in the file expired on ${new Date(expiredSession * 1000).toISOString().slice(0, 10)}. Sign in to GitLab in the browser and export the cookies again.`,
    );
  }
  return requireSession(
    [...kept.values()],
    `The cookies.txt file has cookies for ${host} but no ${SESSION_COOKIE}. Sign in to GitLab in that browser before exporting.`,
  );
}

/** Cookies from the sign-in window: keeps them all, but the session cookie must be there. */
export function checkSignInCookies(cookies: readonly SignInCookie[]): readonly SignInCookie[] {
  for (const cookie of cookies) checkCookie(cookie.name, cookie.value);
  return requireSession(
    cookies,
    `Sign-in finished without a ${SESSION_COOKIE} cookie; try signing in again.`,
  );
}

/** The `Cookie` header value for a set of cookies. */
export function cookieHeaderOf(cookies: readonly SignInCookie[]): string {
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

interface CookieLine {
  readonly domain: string;
  readonly includeSubdomains: boolean;
  readonly path: string;
  readonly expires: number;
  readonly name: string;
  readonly value: string;
}

const FIELDS_PER_LINE = 7;

function parseLine(rawLine: string): CookieLine | null {
  let line = rawLine.trim();
  // curl and browser exporters mark HttpOnly cookies with this prefix on an otherwise comment-like line.
  if (line.startsWith('#HttpOnly_')) line = line.slice('#HttpOnly_'.length);
  else if (line === '' || line.startsWith('#')) return null;
  // Tabs are the format; whitespace runs cover files whose tabs were turned into spaces by a copy.
  let fields = rawLine.includes('\t') ? line.split('\t') : line.split(/\s+/);
  if (fields.length === FIELDS_PER_LINE - 1) fields = [...fields, ''];
  if (fields.length !== FIELDS_PER_LINE) return null;
  const [domain, flag, path, , expires, name, value] = fields;
  if (domain === undefined || flag === undefined || path === undefined || expires === undefined)
    return null;
  if (name === undefined || value === undefined || !/^\d+$/.test(expires)) return null;
  return {
    domain: domain.toLowerCase(),
    includeSubdomains: flag.toUpperCase() === 'TRUE',
    path,
    expires: Number(expires),
    name,
    value,
  };
}

function domainMatches(domain: string, includeSubdomains: boolean, host: string): boolean {
  const bare = domain.replace(/^\./, '');
  if (bare === host) return true;
  return (includeSubdomains || domain.startsWith('.')) && host.endsWith(`.${bare}`);
}

function pathPrefix(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

function checkCookie(name: string, value: string): void {
  if (!NAME_PATTERN.test(name)) throw bad(`"${name.slice(0, 40)}" is not a valid cookie name.`);
  if (!VALUE_PATTERN.test(value)) {
    throw bad(
      `The value of the ${name} cookie contains spaces, quotes or other characters a cookie cannot have.`,
    );
  }
}

function requireSession(
  cookies: readonly SignInCookie[],
  message: string,
): readonly SignInCookie[] {
  const session = cookies.find((cookie) => cookie.name === SESSION_COOKIE);
  if (session === undefined) throw bad(message);
  if (session.value === '') throw bad(`The ${SESSION_COOKIE} cookie is empty.`);
  return cookies;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}
