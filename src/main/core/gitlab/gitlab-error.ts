/** What a GitLab call can fail with, as one discriminated union wrapped in an Error. */
import type { NetworkError } from '../net/network-error';
import type { RateLimitInfo } from './rate-limit';

export type GitlabProblem =
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'forbidden' }
  /** The token lacks a scope the call needs (GitLab's `insufficient_scope`). */
  | { readonly kind: 'insufficient-scope'; readonly needed: string | null }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'server'; readonly status: number }
  /** A 2xx whose body is not the JSON we expect (captive portal HTML, truncated, wrong shape). */
  | { readonly kind: 'malformed' }
  /** The server is not (or not reachable as) GitLab: unexpected redirects, a foreign API. */
  | { readonly kind: 'not-gitlab' }
  | { readonly kind: 'network'; readonly error: NetworkError }
  | { readonly kind: 'bad-request'; readonly status: number };

export type GitlabErrorKind = GitlabProblem['kind'];

/** A failed GitLab call. `problem` narrows by `kind`; `message` is a sentence for the user. */
export class GitlabError extends Error {
  readonly kind: GitlabErrorKind;

  constructor(
    readonly problem: GitlabProblem,
    message: string,
    /** The HTTP status, when an answer arrived. */
    readonly status: number | null = null,
    /** Rate-limit headers of the failing answer, so pollers can slow down. */
    readonly rateLimit: RateLimitInfo | null = null,
    /** GitLab's own words (`message`, `error_description`), when the answer carried them. */
    readonly gitlabMessage: string | null = null,
  ) {
    super(message);
    this.name = 'GitlabError';
    this.kind = problem.kind;
  }
}

/** Narrowing helper: `isGitlabError(e, 'unauthorized')`. */
export function isGitlabError(error: unknown, kind?: GitlabErrorKind): error is GitlabError {
  return error instanceof GitlabError && (kind === undefined || error.kind === kind);
}
