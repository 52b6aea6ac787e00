/**
 * GitLab's own pages write through the API with the session cookie plus the page's CSRF token
 * (`<meta name="csrf-token">`, sent back as `X-CSRF-Token`): without it, GitLab treats a cookie
 * write as anonymous (401). Jobshell does the same for accounts without an `api` token.
 */
import { GitlabError } from './gitlab-error';

/** Remembers each session's CSRF token; memory only, like the session it belongs to. */
export class CsrfTokens {
  readonly #tokens = new Map<string, string>();

  get(baseUrl: string, cookieHeader: string): string | undefined {
    return this.#tokens.get(keyOf(baseUrl, cookieHeader));
  }

  set(baseUrl: string, cookieHeader: string, token: string): void {
    this.#tokens.set(keyOf(baseUrl, cookieHeader), token);
  }

  /** GitLab refused the token (401/422): it is stale, fetch a fresh one. */
  forget(baseUrl: string, cookieHeader: string): void {
    this.#tokens.delete(keyOf(baseUrl, cookieHeader));
  }
}

function keyOf(baseUrl: string, cookieHeader: string): string {
  return `${baseUrl}\n${cookieHeader}`;
}

/** The page whose layout carries the session's CSRF token: the instance root (the dashboard). */
export const CSRF_PAGE_PATH = '/';

/** Rails' `csrf_meta_tags`: `<meta name="csrf-token" content="…">`, attributes in any order. */
export function parseCsrfMeta(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/\bname\s*=\s*["']csrf-token["']/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const value = decodeEntities(content?.[1] ?? content?.[2] ?? '');
    return value === '' ? null : value;
  }
  return null;
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The error when a signed-in page carries no token (not signed in, or not GitLab's page). */
export function noCsrfTokenError(status: number): GitlabError {
  return new GitlabError(
    { kind: 'unauthorized' },
    'GitLab\'s page did not carry a CSRF token for this session: sign in again, or add a personal access token with the "api" scope.',
    status,
  );
}
