/**
 * The one rule for where an account's credentials (session cookie, access token) may go: only to
 * the account's own origin (scheme, host, port) and below its path prefix (the relative root).
 * GitLab's own answers (a job's web_url, a redirect's Location) never widen it: with an
 * `external_url` that differs from the address the user entered, they may name another host.
 * Used by the HTTP transport, the terminal socket factory and the sign-in window.
 */

/** The websocket scheme that stays on the same transport security as the account's http(s). */
const SOCKET_SCHEME: Readonly<Record<string, string>> = { 'https:': 'wss:', 'http:': 'ws:' };

/** Header names (lower case) whose values are credentials. */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'cookie',
  'private-token',
  'authorization',
  'job-token',
  'x-csrf-token',
]);

/** True when `url` may carry the credentials of the account at `baseUrl`. */
export function mayCarryCredentials(baseUrl: string, url: string): boolean {
  const base = parse(baseUrl);
  const target = parse(url);
  if (base === null || target === null) return false;
  const socketScheme = SOCKET_SCHEME[base.protocol];
  if (socketScheme === undefined) return false;
  if (target.protocol !== base.protocol && target.protocol !== socketScheme) return false;
  if (target.username !== '' || target.password !== '') return false;
  if (target.hostname.toLowerCase() !== base.hostname.toLowerCase()) return false;
  if (effectivePort(target) !== effectivePort(base)) return false;
  const root = base.pathname.replace(/\/+$/, '');
  // The parser has already resolved dot segments (also %2e ones), so a prefix test is exact.
  return root === '' || target.pathname === root || target.pathname.startsWith(`${root}/`);
}

/** True when any header of the request is a credential. */
export function carriesCredentials(headers: Readonly<Record<string, string>> | undefined): boolean {
  if (headers === undefined) return false;
  return Object.keys(headers).some((name) => CREDENTIAL_HEADERS.has(name.toLowerCase()));
}

/**
 * Why a credentialed request may not go out, or null when it may. `scope` is the account's base
 * URL; a credentialed request without one is refused too (nobody said whose credentials they are).
 */
export function credentialRefusal(
  scope: string | undefined,
  url: string,
  headers: Readonly<Record<string, string>> | undefined,
): string | null {
  if (!carriesCredentials(headers)) return null;
  if (scope === undefined) {
    return `Refused to send credentials to ${hostOf(url)}: the request names no account.`;
  }
  if (mayCarryCredentials(scope, url)) return null;
  return `Refused to send the credentials of ${scope} to ${hostOf(url)}: that address is outside the GitLab you entered.`;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The port, with the scheme's default filled in (ws/http 80, wss/https 443). */
function effectivePort(url: URL): string {
  if (url.port !== '') return url.port;
  return url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : '80';
}

function hostOf(url: string): string {
  const parsed = parse(url);
  return parsed === null ? 'an unparsable address' : `${parsed.protocol}//${parsed.host}`;
}
