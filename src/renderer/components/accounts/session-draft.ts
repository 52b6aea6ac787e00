/** The web-session part of the account forms, as data (no DOM), so it is unit-tested in Node. */
import type { SessionCredential } from '../../../shared/contract';

export type SessionMode = SessionCredential['kind'];

/** What the user has entered for the web session so far. */
export interface SessionDraft {
  readonly mode: SessionMode;
  readonly cookie: string;
  readonly cookiesTxt: string | null;
  readonly fileName: string | null;
  readonly fileError: string | null;
}

/** The starting draft: GitLab's own sign-in page where it exists, else a pasted cookie. */
export function initialSessionDraft(webSignIn: boolean): SessionDraft {
  return {
    mode: webSignIn ? 'web-sign-in' : 'cookie',
    cookie: '',
    cookiesTxt: null,
    fileName: null,
    fileError: null,
  };
}

/** The credential to send, or a sentence saying what is still missing. */
export function sessionCredential(draft: SessionDraft): SessionCredential | string {
  switch (draft.mode) {
    case 'web-sign-in':
      return { kind: 'web-sign-in' };
    case 'cookie':
      return draft.cookie.trim() === ''
        ? 'Paste the value of the _gitlab_session cookie.'
        : { kind: 'cookie', value: draft.cookie };
    case 'cookies-txt':
      return draft.cookiesTxt === null
        ? (draft.fileError ?? 'Choose a cookies.txt file.')
        : { kind: 'cookies-txt', text: draft.cookiesTxt };
  }
}
