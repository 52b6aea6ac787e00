/**
 * One call to GitLab with an account's credentials: the URL under its base (never elsewhere, so
 * credentials stay on the account's origin), the auth header the call needs (token, session
 * cookie, or cookie with the session's CSRF token for writes), the status check, and the headers
 * every answer carries (rate limit, next page, poll interval). The endpoints are in gitlab-client.ts.
 */
import type { Clock, HttpRequest, HttpResponse, HttpTransport, NetworkOptions } from '../ports';
import { systemClock } from '../ports';
import { CSRF_PAGE_PATH, CsrfTokens, noCsrfTokenError, parseCsrfMeta } from './csrf-token';
import { GitlabError } from './gitlab-error';
import { parseNextPage, parsePollInterval, parseRateLimit, type RateLimitInfo } from './rate-limit';
import { assertOk, jsonBody, networkFailure, textBody } from './response-check';

/**
 * Per-call timeout. GitLab answers API calls in well under a second; 20 s tolerates a slow
 * instance or proxy while a dead connection still surfaces quickly.
 */
export const DEFAULT_API_TIMEOUT_MS = 20_000;

export const DEFAULT_USER_AGENT = 'Jobshell';

export interface ApiResponse<T> {
  readonly value: T;
  readonly rateLimit: RateLimitInfo | null;
  readonly nextPage: number | null;
  /** GitLab's `Poll-Interval` header in ms (-1: do not poll), null when absent. */
  readonly pollIntervalMs: number | null;
}

/** Where and as whom to call GitLab. */
export interface GitlabCredentials {
  /** Normalised base URL with any relative root, no trailing slash. */
  readonly baseUrl: string;
  /** `Cookie` header value of the web session. */
  readonly cookieHeader: string | null;
  readonly token: string | null;
  readonly network: NetworkOptions;
  /**
   * The token's scopes when known: a write goes with the token only when it has `api`, else with
   * the session cookie and its CSRF token. Absent: the token is assumed to have `api`.
   */
  readonly tokenScopes?: readonly string[];
}

export interface GitlabClientOptions {
  readonly userAgent?: string;
  readonly timeoutMs?: number;
  /** For Retry-After dates. */
  readonly clock?: Clock;
  /** Where CSRF tokens of web sessions are kept between clients; default: this client's own. */
  readonly csrf?: CsrfTokens;
}

export interface GitlabClientOptions {
  readonly userAgent?: string;
  readonly timeoutMs?: number;
  /** For Retry-After dates. */
  readonly clock?: Clock;
  /** Where CSRF tokens of web sessions are kept between clients; default: this client's own. */
  readonly csrf?: CsrfTokens;
}

export type Auth = 'auto' | 'token' | 'cookie' | 'none' | 'write';
type Query = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

export interface Call {
  readonly method: HttpRequest['method'];
  /** Path below the base URL, starting with '/'. */
  readonly path: string;
  readonly query?: Query;
  readonly auth: Auth;
  readonly accept: string;
  /** What is asked for, for error messages ("the job list"). */
  readonly what: string;
}

/** Calls bound to one account; each checks the status and parses the body. */
export interface GitlabExchange {
  readonly json: <T>(
    call: Omit<Call, 'accept'>,
    parse: (value: unknown) => T,
  ) => Promise<ApiResponse<T>>;
  readonly text: (call: Omit<Call, 'accept'>) => Promise<ApiResponse<string>>;
  /** "Does this look like GitLab?", asked without any credential. */
  readonly versionProbe: () => Promise<'gitlab' | 'not-gitlab'>;
}

/** Binds calls to one account's credentials and network settings. */
export function createGitlabExchange(
  http: HttpTransport,
  connection: GitlabCredentials,
  options: GitlabClientOptions = {},
): GitlabExchange {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const base = connection.baseUrl.replace(/\/+$/, '');
  const csrf = options.csrf ?? new CsrfTokens();

  const origin: Origin = { http, network: connection.network, base, userAgent, timeoutMs };
  const send = (call: Call, credentials: Record<string, string>): Promise<HttpResponse> =>
    sendCall(origin, call, credentials);

  /** The session's CSRF token: remembered, else read from a GitLab page of this account. */
  const csrfToken = async (cookieHeader: string): Promise<string> => {
    const known = csrf.get(base, cookieHeader);
    if (known !== undefined) return known;
    const what = 'the page that carries the CSRF token';
    const page = await send(
      { method: 'GET', path: CSRF_PAGE_PATH, auth: 'cookie', accept: 'text/html', what },
      { Cookie: cookieHeader },
    );
    assertOk(page, what, clock.now());
    const token = parseCsrfMeta(page.body);
    if (token === null) throw noCsrfTokenError(page.status);
    csrf.set(base, cookieHeader, token);
    return token;
  };

  /** A write with the web session: cookie + CSRF token, fetched once more when GitLab calls it stale. */
  const cookieWrite = async (call: Call, cookieHeader: string): Promise<HttpResponse> => {
    const attempt = async (): Promise<HttpResponse> =>
      send(call, { Cookie: cookieHeader, 'X-CSRF-Token': await csrfToken(cookieHeader) });
    let response = await attempt();
    if (response.status === 401 || response.status === 422) {
      csrf.forget(base, cookieHeader);
      response = await attempt();
    }
    return response;
  };

  const exchange = async (call: Call): Promise<HttpResponse> => {
    const credentials = authHeaders(connection, call);
    const response =
      credentials === COOKIE_WRITE && connection.cookieHeader !== null
        ? await cookieWrite(call, connection.cookieHeader)
        : await send(call, credentials);
    assertOk(response, call.what, clock.now());
    return response;
  };

  const json = async <T>(
    call: Omit<Call, 'accept'>,
    parse: (value: unknown) => T,
  ): Promise<ApiResponse<T>> => {
    const response = await exchange({ ...call, accept: 'application/json' });
    return wrap(response, jsonBody(response, parse, call.what));
  };

  return {
    json,
    text: async (call) => {
      const response = await exchange({ ...call, accept: 'text/plain' });
      return wrap(response, textBody(response, call.what));
    },
    versionProbe: () => probeVersion(origin),
  };
}

/** Where requests go and how: everything a request needs except its credentials. */
interface Origin {
  readonly http: HttpTransport;
  readonly network: NetworkOptions;
  /** The account's base URL, no trailing slash. */
  readonly base: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
}

/** One request under the base URL (never elsewhere: credentials stay on the account's origin). */
async function sendCall(
  origin: Origin,
  call: Call,
  credentials: Record<string, string>,
): Promise<HttpResponse> {
  const url = new URL(`${origin.base}${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {
    Accept: call.accept,
    'User-Agent': origin.userAgent,
    ...credentials,
  };
  try {
    return await origin.http({
      method: call.method,
      url: url.href,
      headers,
      network: origin.network,
      timeoutMs: origin.timeoutMs,
      credentialScope: origin.base,
    });
  } catch (error) {
    throw networkFailure(error);
  }
}

/** Asks `/api/v4/version` without any credential. */
async function probeVersion(origin: Origin): Promise<'gitlab' | 'not-gitlab'> {
  let response: HttpResponse;
  try {
    response = await origin.http({
      method: 'GET',
      url: `${origin.base}/api/v4/version`,
      headers: { Accept: 'application/json', 'User-Agent': origin.userAgent },
      network: origin.network,
      timeoutMs: origin.timeoutMs,
    });
  } catch (error) {
    throw networkFailure(error);
  }
  return looksLikeGitlabVersion(response) ? 'gitlab' : 'not-gitlab';
}

/** Marks a write that goes with the session cookie and its CSRF token (added by `exchange`). */
const COOKIE_WRITE: Record<string, string> = {};

/** The credential headers a call carries; refuses calls that would need a credential we lack. */
function authHeaders(connection: GitlabCredentials, call: Call): Record<string, string> {
  const { token, cookieHeader } = connection;
  const readOnly = call.method === 'GET' || call.method === 'HEAD';
  switch (call.auth) {
    case 'none':
      return {};
    case 'write':
      if (token !== null && (connection.tokenScopes?.includes('api') ?? true))
        return { 'PRIVATE-TOKEN': token };
      if (cookieHeader !== null) return COOKIE_WRITE;
      throw new GitlabError(
        { kind: 'insufficient-scope', needed: 'api' },
        `${capitalise(call.what)} needs a signed-in web session or a personal access token with the "api" scope.`,
      );
    case 'token':
      if (token === null) {
        throw new GitlabError(
          { kind: 'insufficient-scope', needed: call.method === 'GET' ? 'read_api' : 'api' },
          `${capitalise(call.what)} needs a personal access token; this account has none.`,
        );
      }
      return { 'PRIVATE-TOKEN': token };
    case 'cookie':
      if (cookieHeader === null) {
        throw new GitlabError(
          { kind: 'unauthorized' },
          `${capitalise(call.what)} needs a signed-in web session.`,
        );
      }
      return { Cookie: cookieHeader };
    case 'auto':
      if (token !== null) return { 'PRIVATE-TOKEN': token };
      // GitLab accepts the session cookie on the API only for GET/HEAD (no CSRF token otherwise).
      if (cookieHeader !== null && readOnly) return { Cookie: cookieHeader };
      throw new GitlabError(
        { kind: 'unauthorized' },
        `${capitalise(call.what)} needs a signed-in session or a personal access token.`,
      );
  }
}

/** GitLab answers `/api/v4/version` with `{version}` when signed in, and `{"message":"401 Unauthorized"}` when not. */
function looksLikeGitlabVersion(response: HttpResponse): boolean {
  if (!/json/i.test(response.headers['content-type'] ?? '')) return false;
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (response.status === 200) return typeof record.version === 'string';
  if (response.status === 401 || response.status === 403) return typeof record.message === 'string';
  return false;
}

function wrap<T>(response: HttpResponse, value: T): ApiResponse<T> {
  return {
    value,
    rateLimit: parseRateLimit(response.headers),
    nextPage: parseNextPage(response.headers),
    pollIntervalMs: parsePollInterval(response.headers),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
