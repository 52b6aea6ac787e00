import { useId } from 'react';
import { MAX_COOKIES_TXT_BYTES } from './account-errors';
import type { SessionDraft, SessionMode } from './session-draft';

const MODE_LABELS: Readonly<Record<SessionMode, string>> = {
  'web-sign-in': 'Sign in with GitLab',
  cookie: 'Paste session cookie',
  'cookies-txt': 'Import cookies.txt',
};

/** The three ways to give an account its web session; the sign-in window only in the desktop app. */
export function SessionFields(props: {
  readonly draft: SessionDraft;
  readonly onChange: (draft: SessionDraft) => void;
  readonly webSignIn: boolean;
  readonly error: string | null;
}) {
  const { draft, onChange, webSignIn, error } = props;
  const id = useId();
  const modes: readonly SessionMode[] = webSignIn
    ? ['web-sign-in', 'cookie', 'cookies-txt']
    : ['cookie', 'cookies-txt'];
  const readFile = (file: File | undefined): void => {
    if (file === undefined) return;
    if (file.size > MAX_COOKIES_TXT_BYTES) {
      onChange({
        ...draft,
        cookiesTxt: null,
        fileName: file.name,
        fileError: 'That file is larger than 1 MiB; export only the cookies of your GitLab.',
      });
      return;
    }
    file.text().then(
      (text) => {
        onChange({ ...draft, cookiesTxt: text, fileName: file.name, fileError: null });
      },
      () => {
        onChange({
          ...draft,
          cookiesTxt: null,
          fileName: file.name,
          fileError: 'Could not read that file.',
        });
      },
    );
  };
  return (
    <fieldset className="account-session">
      <legend>Web session</legend>
      <div className="segmented" role="radiogroup" aria-label="How to sign in">
        {modes.map((mode) => (
          <label key={mode} className={draft.mode === mode ? 'selected' : undefined}>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={draft.mode === mode}
              onChange={() => {
                onChange({ ...draft, mode });
              }}
            />
            {MODE_LABELS[mode]}
          </label>
        ))}
      </div>
      {draft.mode === 'web-sign-in' && (
        <small>
          GitLab’s own sign-in page opens in a window of its own (password, two-factor and SSO all
          work).
        </small>
      )}
      {draft.mode === 'cookie' && (
        <label className="field">
          Session cookie
          <textarea
            rows={3}
            spellCheck={false}
            autoComplete="off"
            value={draft.cookie}
            placeholder="_gitlab_session value, or the whole Cookie header"
            onChange={(e) => {
              onChange({ ...draft, cookie: e.target.value });
            }}
          />
          <small>
            In your browser, open GitLab’s developer tools → Application → Cookies and copy
            _gitlab_session.
          </small>
        </label>
      )}
      {draft.mode === 'cookies-txt' && (
        <label className="field">
          cookies.txt file
          <input
            type="file"
            accept=".txt,text/plain"
            onChange={(e) => {
              readFile(e.target.files?.[0]);
            }}
          />
          {draft.fileName !== null && draft.fileError === null && (
            <small>Read {draft.fileName}</small>
          )}
          {draft.fileError !== null && <span className="field-error">{draft.fileError}</span>}
        </label>
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
