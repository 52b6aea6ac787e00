/**
 * GitLab instance URLs: what the user types becomes `https://host[:port][/relative-root]`, or a
 * specific message says what is wrong with it.
 */
import { ContractError } from '../../../../shared/contract';

const bad = (message: string): ContractError => new ContractError('bad-input', message);

/** Schemes that are never a GitLab instance, each with the reason the user needs. */
const REFUSED_SCHEMES: Readonly<Record<string, string>> = {
  javascript:
    'A javascript: address is not a GitLab URL. Enter the https:// address of your GitLab.',
  file: "A file: address points to this computer's files, not to GitLab. Enter the https:// address of your GitLab.",
  ws: 'ws:// is a WebSocket address. Enter the https:// address of your GitLab; Jobshell finds the terminal sockets itself.',
  wss: 'wss:// is a WebSocket address. Enter the https:// address of your GitLab; Jobshell finds the terminal sockets itself.',
  data: 'A data: address is not a GitLab URL. Enter the https:// address of your GitLab.',
};

/** Pages users often copy instead of the instance root; the root is what precedes them. */
const STRIPPED_SUFFIXES = ['/users/sign_in', '/api/v4'] as const;

/** Normalises a GitLab URL or throws ContractError('bad-input') naming the exact problem. */
export function normaliseBaseUrl(input: string): string {
  const raw = input.trim();
  if (raw === '')
    throw bad('Enter the address of your GitLab, for example https://gitlab.example.com.');
  if (/\s/.test(raw)) throw bad('The GitLab URL contains spaces; remove them.');
  const { scheme, withScheme } = splitScheme(raw);
  const refusal = REFUSED_SCHEMES[scheme];
  if (refusal !== undefined) throw bad(refusal);
  if (scheme !== 'https' && scheme !== 'http') {
    throw bad(`"${scheme}:" addresses are not supported; a GitLab URL starts with https://.`);
  }
  if (raw.includes('?')) {
    throw bad(
      'The GitLab URL must not contain a query (?…). Enter only the address of the instance, e.g. https://gitlab.example.com.',
    );
  }
  if (raw.includes('#')) {
    throw bad(
      'The GitLab URL must not contain a fragment (#…). Enter only the address of the instance, e.g. https://gitlab.example.com.',
    );
  }
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw bad(
      `"${raw}" is not a valid URL. Enter the address of your GitLab, e.g. https://gitlab.example.com.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw bad(
      "Remove the user name and password (user:pass@) from the URL; sign in with GitLab's page, a session cookie or a token instead.",
    );
  }
  if (url.hostname === '') throw bad('The GitLab URL has no host name.');
  if (scheme === 'http' && !isLoopbackHost(url.hostname)) {
    throw bad(
      'Plain http:// is refused: the session cookie would travel unencrypted. Use https:// (http:// is allowed only for this computer: localhost, 127.0.0.1, ::1).',
    );
  }
  return `${url.protocol}//${url.host}${rootPath(url.pathname)}`;
}

/**
 * 127.0.0.0/8, ::1 and localhost: the only hosts reachable over plain http. Names under
 * `.localhost` pass here and are held to it when connecting: only while they resolve to loopback
 * addresses (net/loopback-lookup.ts).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
  );
}

/** The host part with a scheme in front; tells `localhost:8080` (no scheme) from `file:…`. */
function splitScheme(raw: string): { scheme: string; withScheme: string } {
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(raw);
  if (match?.[1] === undefined || match[2] === undefined)
    return { scheme: 'https', withScheme: `https://${raw}` };
  const [, scheme, rest] = match;
  // "user:pass@host" and "host:8443/path" have no scheme: the colon separates a password or a port.
  if (!rest.startsWith('//') && (/^[^/]*@/.test(rest) || /^\d+(\/|$)/.test(rest))) {
    return { scheme: 'https', withScheme: `https://${raw}` };
  }
  return { scheme: scheme.toLowerCase(), withScheme: raw };
}

function rootPath(pathname: string): string {
  if (pathname.includes('/-/')) {
    throw bad(
      'This is the address of a page inside GitLab (…/-/…). Enter the address of the GitLab instance itself, e.g. https://gitlab.example.com.',
    );
  }
  let path = pathname.replace(/\/+$/, '');
  for (const suffix of STRIPPED_SUFFIXES) {
    if (path.endsWith(suffix)) path = path.slice(0, -suffix.length);
  }
  return path.replace(/\/+$/, '');
}
