import { useEffect, useId, type ReactNode } from 'react';

/** A modal dialog in the app's style; Escape closes it unless a request is running. */
export function Dialog(props: {
  readonly title: string;
  readonly onClose: () => void;
  readonly busy?: boolean;
  readonly children: ReactNode;
}) {
  const { title, onClose, busy = false } = props;
  const titleId = useId();
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [busy, onClose]);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog account-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <h2 id={titleId}>{title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** A form dialog's footer: optional extra buttons, Cancel, and the submit button. */
export function FormActions(props: {
  readonly onCancel: () => void;
  readonly busy: boolean;
  /** The submit button's text, already saying when it is busy ("Checking…"). */
  readonly submitLabel: string;
  readonly submitDisabled?: boolean;
  readonly children?: ReactNode;
}) {
  return (
    <div className="actions">
      {props.children}
      <button type="button" onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </button>
      <button
        type="submit"
        className="primary"
        disabled={props.busy || props.submitDisabled === true}
      >
        {props.submitLabel}
      </button>
    </div>
  );
}
