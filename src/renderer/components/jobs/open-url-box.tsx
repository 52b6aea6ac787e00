import './jobs.css';
import { useState, type SyntheticEvent } from 'react';
import { userMessage } from '../../forms/contract-messages';
import { useApp } from '../../hooks/app-context';
import { RetryDialog } from '../retry/retry-dialog';

const EMPTY_MESSAGE =
  'Paste the address of a job page, for example https://gitlab.example.com/group/project/-/jobs/123.';

/**
 * "Paste a job URL" + Open: the core finds the account by host and opens the job's terminal. The
 * core checks the address (the same rules as everywhere) and its sentence is shown under the box;
 * the browser's own URL check is off, so no native pop-up speaks instead of the product.
 */
export function OpenUrlBox() {
  const { bridge, store } = useApp();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A pasted finished job to retry with a terminal. */
  const [retryUrl, setRetryUrl] = useState<string | null>(null);
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const trimmed = url.trim();
    if (busy) return;
    if (trimmed === '') {
      setError(EMPTY_MESSAGE);
      return;
    }
    setBusy(true);
    setError(null);
    bridge
      .request('terminal.open', { target: { kind: 'url', url: trimmed } })
      .then(
        ({ sessionId }) => {
          store.setActiveSession(sessionId);
          setUrl('');
        },
        (e: unknown) => {
          setError(userMessage(e));
        },
      )
      .finally(() => {
        setBusy(false);
      });
  };
  return (
    <form className="open-url" onSubmit={submit} noValidate aria-label="Open a job by URL">
      <input
        type="text"
        inputMode="url"
        spellCheck={false}
        autoComplete="off"
        className="open-url-input"
        placeholder="Paste a job URL"
        aria-label="Job URL"
        aria-invalid={error !== null}
        aria-describedby={error !== null ? 'open-url-error' : undefined}
        value={url}
        onChange={(e) => {
          setUrl(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setError(null);
        }}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Opening…' : 'Open'}
      </button>
      <button
        type="button"
        disabled={busy || url.trim() === ''}
        title="Retry this finished job and attach to the new one"
        onClick={() => setRetryUrl(url.trim())}
      >
        Retry
      </button>
      {retryUrl !== null && (
        <RetryDialog
          title="this job"
          target={{ kind: 'url', url: retryUrl }}
          onClose={() => {
            setRetryUrl(null);
          }}
        />
      )}
      {error !== null && (
        <p id="open-url-error" className="open-url-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
