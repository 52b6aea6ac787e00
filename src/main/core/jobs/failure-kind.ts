/** What a failed discovery request means for polling, decided from the GitlabError alone. */
import { GitlabError } from '../gitlab/gitlab-error';

export type FailureKind =
  /** 401 or a sign-in redirect: the account's credentials are gone; stop polling it. */
  | { readonly kind: 'auth' }
  /** Polling cannot fix it (a token without read_api): stop until the user acts. */
  | { readonly kind: 'fatal'; readonly message: string }
  /** 429: the whole instance waits for Retry-After. */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number; readonly message: string }
  /** 403/404 on one project: access lost or project gone. */
  | { readonly kind: 'gone'; readonly message: string }
  /** 5xx, timeout, network, unreadable answer: back off exponentially. */
  | { readonly kind: 'transient'; readonly message: string };

/** Classifies an error thrown by a discovery request. */
export function failureKind(error: unknown): FailureKind {
  if (!(error instanceof GitlabError)) {
    return { kind: 'transient', message: 'Job discovery hit an unexpected problem (see the log).' };
  }
  const { problem, message } = error;
  switch (problem.kind) {
    case 'unauthorized':
      return { kind: 'auth' };
    case 'insufficient-scope':
      return {
        kind: 'fatal',
        message: `${message} Replace the token (read_api is enough to list jobs) or remove it to use the web session.`,
      };
    case 'rate-limited':
      return { kind: 'rate-limited', retryAfterMs: problem.retryAfterMs, message };
    case 'forbidden':
    case 'not-found':
      return { kind: 'gone', message };
    case 'server':
    case 'network':
    case 'malformed':
    case 'not-gitlab':
    case 'bad-request':
      return { kind: 'transient', message };
  }
}
