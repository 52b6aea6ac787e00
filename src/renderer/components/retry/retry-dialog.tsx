import { useEffect, useRef, useState } from 'react';
import type { RequestParams } from '../../../shared/contract';
import type { RetryVerdict } from '../../../shared/models';
import { useApp } from '../../hooks/app-context';

export type RetryTarget = RequestParams<'retry.start'>['target'];

/** "Retry with terminal": the verdict first, then one retry, with the caveat confirmed if any. */
export function RetryDialog(props: {
  readonly target: RetryTarget;
  readonly title: string;
  readonly onClose: () => void;
}) {
  const { bridge, store } = useApp();
  const [verdict, setVerdict] = useState<RetryVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const goRef = useRef<HTMLButtonElement>(null);
  const { target, onClose } = props;
  // The caller may build the target anew on every render: check once per job, not per render.
  const targetKey = JSON.stringify(target);

  useEffect(() => {
    let live = true;
    bridge.request('retry.check', { target }).then(
      (v) => {
        if (live) setVerdict(v);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by targetKey on purpose
  }, [bridge, targetKey]);
  useEffect(() => {
    goRef.current?.focus();
  }, [verdict]);

  const start = (): void => {
    setBusy(true);
    bridge.request('retry.start', { target, confirmed: verdict?.kind === 'confirm' }).then(
      (view) => {
        if (view.sessionId !== null) store.setActiveSession(view.sessionId);
        onClose();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  const copy = (yaml: string): void => {
    void navigator.clipboard.writeText(yaml).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  const go = verdict === null ? null : goLabel(verdict);
  return (
    <div
      className="dialog-backdrop"
      onClick={onClose}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div
        className="dialog retry-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="retry-dialog-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="retry-dialog-title">Retry {props.title} with terminal</h2>
        {verdict === null && error === null && <p className="retry-checking">Checking…</p>}
        {verdict !== null && (
          <p className={`retry-verdict retry-verdict-${verdict.kind}`}>{verdict.message}</p>
        )}
        {verdict?.kind === 'confirm' && verdict.snippet !== null && (
          <div className="retry-snippet">
            <p>{verdict.snippet.explanation}</p>
            <pre aria-label=".gitlab-ci.yml snippet">{verdict.snippet.yaml}</pre>
            <button type="button" onClick={() => copy(verdict.snippet?.yaml ?? '')}>
              {copied ? 'Copied' : 'Copy snippet'}
            </button>
          </div>
        )}
        {error !== null && (
          <p className="retry-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {verdict?.kind === 'refused' ? 'Close' : 'Cancel'}
          </button>
          {go !== null && (
            <button type="button" ref={goRef} className="primary" disabled={busy} onClick={start}>
              {go}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

function goLabel(verdict: RetryVerdict): string | null {
  switch (verdict.kind) {
    case 'ready':
      return 'Retry with terminal';
    case 'confirm':
      return 'Retry anyway';
    case 'already-retried':
      return `Follow #${verdict.jobId}`;
    case 'refused':
      return null;
  }
}
