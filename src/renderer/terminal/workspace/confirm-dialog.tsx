import './confirm-dialog.css';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { assertNever } from '../../../shared/assert-never';
import type { ConfirmRequest } from '../xterm/confirm';

interface Pending {
  readonly request: ConfirmRequest;
  readonly resolve: (ok: boolean) => void;
}

/** An in-app confirmation dialog driven by promises: `confirm(request)` resolves with the answer. */
export function useConfirmDialog(): {
  readonly dialog: ReactNode;
  readonly confirm: (request: ConfirmRequest) => Promise<boolean>;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        setPending((previous) => {
          // A newer question replaces an unanswered one; the older one counts as "no".
          previous?.resolve(false);
          return { request, resolve };
        });
      }),
    [],
  );
  const answer = useCallback(
    (ok: boolean) => {
      pending?.resolve(ok);
      setPending(null);
    },
    [pending],
  );
  const dialog =
    pending === null ? null : <ConfirmDialog request={pending.request} onAnswer={answer} />;
  return { dialog, confirm };
}

function ConfirmDialog(props: {
  readonly request: ConfirmRequest;
  readonly onAnswer: (ok: boolean) => void;
}) {
  const { request, onAnswer } = props;
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const text = wording(request);
  useEffect(() => {
    // Closing a held job is the one destructive answer: Enter must not do it by accident.
    (isClose(request) ? cancelRef : confirmRef).current?.focus();
  }, [request]);
  return (
    <div
      className="dialog-backdrop"
      onClick={() => onAnswer(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onAnswer(false);
        }
      }}
    >
      <div
        className="dialog confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        onClick={(e) => {
          e.stopPropagation();
        }}
      >
        <h2 id="confirm-title">{text.title}</h2>
        <ConfirmBody request={request} />
        <div className="actions">
          <button ref={cancelRef} onClick={() => onAnswer(false)}>
            Cancel
          </button>
          <button
            ref={confirmRef}
            className={isClose(request) ? 'danger-solid' : 'primary'}
            onClick={() => onAnswer(true)}
          >
            {text.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Closing a live shell is the destructive answer: Enter must not do it by accident. */
function isClose(request: ConfirmRequest): boolean {
  return request.kind === 'close-held' || request.kind === 'close-live';
}

function wording(request: ConfirmRequest): { readonly title: string; readonly confirm: string } {
  switch (request.kind) {
    case 'link':
      return { title: 'Open this link in your browser?', confirm: 'Open link' };
    case 'paste':
      return {
        title: `Paste ${request.summary.lineCount} lines into ${request.jobName}?`,
        confirm: 'Paste',
      };
    case 'close-held':
      return { title: `Close the terminal of ${request.jobName}?`, confirm: 'Close and release' };
    case 'close-live':
      return { title: `Close the terminal of ${request.jobName}?`, confirm: 'Close terminal' };
    case 'broadcast-paste':
      return {
        title: `Paste ${request.summary.lineCount} line${request.summary.lineCount === 1 ? '' : 's'} into ${request.targets.length} terminal${request.targets.length === 1 ? '' : 's'}?`,
        confirm: `Paste into ${request.targets.length}`,
      };
    default:
      return assertNever(request, 'confirmation');
  }
}

function ConfirmBody({ request }: { readonly request: ConfirmRequest }) {
  switch (request.kind) {
    case 'link':
      return (
        <>
          <p className="confirm-note">
            The link comes from the job’s output. Check where it really goes:
          </p>
          <p className="confirm-url">{request.url}</p>
          <p className="confirm-host">
            Host: <strong>{new URL(request.url).host}</strong>
          </p>
        </>
      );
    case 'paste': {
      const { summary } = request;
      const more = summary.lineCount - summary.preview.length;
      return (
        <>
          <p className="confirm-note">
            Each line may run as a command as soon as it arrives. {summary.charCount} characters in{' '}
            {summary.lineCount} lines:
          </p>
          <pre className="confirm-preview">
            {summary.preview.join('\n')}
            {summary.truncated ? `\n… and ${more} more line${more === 1 ? '' : 's'}` : ''}
          </pre>
        </>
      );
    }
    case 'broadcast-paste':
      return <BroadcastPasteBody request={request} />;
    case 'close-held':
      return (
        <p className="confirm-note">
          Closing releases the held job: it finishes at once, and its shell and files are gone. This
          cannot be undone.
        </p>
      );
    case 'close-live':
      return (
        <p className="confirm-note">
          Its shell ends for good: whatever runs in it, its variables and working directory are
          lost. This cannot be undone; reopening the terminal starts a new shell.
        </p>
      );
    default:
      return assertNever(request, 'confirmation');
  }
}

function BroadcastPasteBody({
  request,
}: {
  readonly request: Extract<ConfirmRequest, { readonly kind: 'broadcast-paste' }>;
}) {
  const { summary } = request;
  return (
    <>
      <p className="confirm-note">Broadcasting: the paste goes to each of these terminals:</p>
      <ul className="confirm-targets">
        {request.targets.map((name, i) => (
          <li key={`${i}-${name}`}>{name}</li>
        ))}
      </ul>
      {request.skipped.length > 0 && (
        <p className="confirm-note">Skipped (not connected): {request.skipped.join(', ')}</p>
      )}
      <pre className="confirm-preview">
        {summary.preview.join('\n')}
        {summary.truncated
          ? `\n… and ${summary.lineCount - summary.preview.length} more lines`
          : ''}
      </pre>
    </>
  );
}
