import '../../components/common/common.css';
import './controls.css';
import { useEffect, useRef, useState } from 'react';
import { Icon } from './icons';

export type TranscriptFormat = 'text' | 'asciicast';

/** "Save transcript" with its two formats in a small drop-down menu. */
export function TranscriptMenu(props: { readonly onSave: (format: TranscriptFormat) => void }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || !rootRef.current?.contains(event.target))
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  const pick = (format: TranscriptFormat): void => {
    setOpen(false);
    props.onSave(format);
  };
  return (
    <div
      className="menu-anchor"
      ref={rootRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button
        className="tool-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Save this tab's session with the job's details"
        onClick={() => setOpen(!open)}
      >
        <Icon name="save" />
        Save
        <Icon name="chevron" />
      </button>
      {open && (
        <div className="menu" role="menu">
          <button role="menuitem" onClick={() => pick('text')}>
            Plain text <small>.txt</small>
          </button>
          <button role="menuitem" onClick={() => pick('asciicast')}>
            Recording <small>asciicast v2 .cast</small>
          </button>
        </div>
      )}
    </div>
  );
}
