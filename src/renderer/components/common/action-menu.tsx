import './common.css';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Icon } from '../../terminal/workspace/icons';

export interface MenuItem {
  /** Stable key, also the test hook (`data-item`). */
  readonly id: string;
  readonly label: string;
  readonly onSelect: () => void;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  /** Why it is disabled, or what it does, as a tooltip. */
  readonly title?: string;
  /** A muted aside after the label: a count, a file format. */
  readonly hint?: string;
}

/**
 * A labelled toolbar button that opens the menu instead of the "More actions" dots: its visible
 * content names it, and its menu is the wider toolbar drop-down with the hints at the right.
 */
export interface MenuTrigger {
  readonly className: string;
  readonly title: string;
  readonly content: ReactNode;
}

/**
 * A button with a drop-down menu: by default the "More actions" dots of a compact row or card,
 * or a toolbar's own labelled button (`trigger`). Opening focuses the first item, arrow keys move
 * between items, Escape closes and gives focus back to the button, a press outside closes.
 */
export function ActionMenu(props: {
  /** The menu's name; also the dots' name, as they have no text. */
  readonly label: string;
  readonly items: readonly MenuItem[];
  readonly className?: string;
  readonly trigger?: MenuTrigger;
}) {
  const { trigger } = props;
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || !rootRef.current?.contains(event.target))
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    rootRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  const close = (): void => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // The menu's keys are its own: the job list must not also move its selection.
    if (!open) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    event.stopPropagation();
    const items = [
      ...(rootRef.current?.querySelectorAll<HTMLButtonElement>(
        '[role="menuitem"]:not(:disabled)',
      ) ?? []),
    ];
    const index = items.findIndex((item) => item === document.activeElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    items[(index + step + items.length) % items.length]?.focus();
  };
  return (
    <div className={`menu-anchor ${props.className ?? ''}`} ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className={trigger?.className ?? 'menu-button'}
        aria-label={trigger === undefined ? props.label : undefined}
        title={trigger?.title ?? props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        {trigger?.content ?? <Icon name="more" />}
      </button>
      {open && (
        <div
          className={trigger === undefined ? 'menu action-menu' : 'menu'}
          role="menu"
          id={menuId}
          aria-label={props.label}
        >
          {props.items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              data-item={item.id}
              className={item.danger === true ? 'danger' : undefined}
              disabled={item.disabled}
              title={item.title}
              onClick={(e) => {
                e.stopPropagation();
                setOpen(false);
                item.onSelect();
              }}
            >
              {item.label}
              {item.hint !== undefined && (
                <>
                  {' '}
                  <small>{item.hint}</small>
                </>
              )}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
