/** Turns GitLab's HTTP answers into values or a GitlabError with a sentence for the user. */
import type { HttpResponse } from '../ports';
import { NetworkError } from '../net/network-error';
import { GitlabError } from './gitlab-error';
import { parseRateLimit, retryAfterMs } from './rate-limit';
import { WireShapeError } from './wire-read';

/** Longest piece of a GitLab error message quoted back to the user. */
const MAX_QUOTED_MESSAGE = 200;

/** Throws the GitlabError a non-2xx answer stands for. */
export function assertOk(response: HttpResponse, what: string, now: number): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const rateLimit = parseRateLimit(response.headers);
  const gitlabMessage = errorText(response.body);
  const fail = (problem: GitlabError['problem'], message: string): never => {
    throw new GitlabError(problem, message, status, rateLimit, gitlabMessage);
  };
  const quoted = gitlabMessage === null ? '' : `: ${gitlabMessage}`;
  if (status >= 300 && status < 400) {
    const location = response.headers.location ?? '';
    if (/\/users\/sign_in\b/.test(location)) {
      fail(
        { kind: 'unauthorized' },
        `GitLab redirected ${what} to its sign-in page: the session is not signed in.`,
      );
    }
    fail(
      { kind: 'not-gitlab' },
      `${what}: the server answered with a redirect (${status}) to ${hostOf(location)} instead of GitLab's answer. Credentials are never sent after a redirect; check the GitLab URL.`,
    );
  }
  if (status === 401)
    fail({ kind: 'unauthorized' }, `GitLab did not accept the credentials for ${what} (401).`);
  if (status === 403) {
    const scope = insufficientScope(response.body);
    if (scope !== undefined) {
      const named = scope === null ? 'a scope' : `the "${scope}" scope`;
      fail(
        { kind: 'insufficient-scope', needed: scope },
        `The token lacks ${named}, which ${what} needs.`,
      );
    }
    fail({ kind: 'forbidden' }, `GitLab refused ${what} (403)${quoted}.`);
  }
  if (status === 404) fail({ kind: 'not-found' }, `GitLab found no ${what} (404)${quoted}.`);
  if (status === 429) {
    const wait = retryAfterMs(response.headers, now);
    fail(
      { kind: 'rate-limited', retryAfterMs: wait },
      `GitLab's rate limit was reached; Jobshell waits ${Math.ceil(wait / 1000)} s before asking again.`,
    );
  }
  if (status >= 500)
    fail({ kind: 'server', status }, `GitLab had a server error (${status}) for ${what}.`);
  if (status >= 400)
    fail({ kind: 'bad-request', status }, `GitLab refused ${what} (${status})${quoted}.`);
  fail({ kind: 'malformed' }, `GitLab answered ${what} with an unexpected status ${status}.`);
}

/** Parses and shape-checks a JSON answer; HTML, truncated or wrong-shape bodies become 'malformed'. */
export function jsonBody<T>(response: HttpResponse, parse: (value: unknown) => T, what: string): T {
  const malformed = (detail: string): GitlabError =>
    new GitlabError(
      { kind: 'malformed' },
      `GitLab's answer to ${what} ${detail}.`,
      response.status,
    );
  if (looksLikeHtml(response)) {
    throw malformed(
      'was an HTML page, not JSON (a captive portal, proxy login or maintenance page?)',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    throw malformed('was not valid JSON (cut short or garbled)');
  }
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof WireShapeError)
      throw malformed(`had an unexpected shape: ${error.message}`);
    throw error;
  }
}

/** A plain-text answer (the job log); an HTML page instead is 'malformed'. */
export function textBody(response: HttpResponse, what: string): string {
  if (looksLikeHtml(response)) {
    throw new GitlabError(
      { kind: 'malformed' },
      `GitLab's answer to ${what} was an HTML page, not the log (a captive portal or proxy login?).`,
      response.status,
    );
  }
  return response.body;
}

/** Wraps a transport failure so callers handle one error type. */
export function networkFailure(error: unknown): GitlabError {
  const cause =
    error instanceof NetworkError
      ? error
      : new NetworkError(
          'other',
          `Could not talk to GitLab: ${error instanceof Error ? error.message : String(error)}`,
        );
  return new GitlabError({ kind: 'network', error: cause }, cause.message);
}

/** True when the body is an HTML page rather than data. */
export function looksLikeHtml(response: HttpResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  if (/html/i.test(type)) return true;
  return /^\s*<(!doctype|html|head|body)/i.test(response.body);
}

/** GitLab's `{"error":"insufficient_scope","scope":"api"}`: the scope (or null), undefined if not that. */
function insufficientScope(body: string): string | null | undefined {
  const record = tryJsonRecord(body);
  if (record?.error !== 'insufficient_scope') return undefined;
  return typeof record.scope === 'string' ? record.scope : null;
}

/** GitLab's message in an error answer (`error_description`, `message` or `error`), shortened; else null. */
function errorText(body: string): string | null {
  const record = tryJsonRecord(body);
  const message = record?.error_description ?? record?.message ?? record?.error;
  if (typeof message !== 'string' || message.trim() === '') return null;
  const text = message.trim().replace(/\s+/g, ' ');
  return text.length > MAX_QUOTED_MESSAGE ? `${text.slice(0, MAX_QUOTED_MESSAGE)}…` : text;
}

function tryJsonRecord(body: string): Readonly<Record<string, unknown>> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function hostOf(location: string): string {
  try {
    return new URL(location).host;
  } catch {
    return location === '' ? 'an unnamed place' : 'another page';
  }
}
