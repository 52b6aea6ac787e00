/**
 * Keyboard shortcuts of the terminal workspace, decided from a key event's fields alone.
 *
 * On Linux and Windows, Ctrl+W (delete word), Ctrl+F (forward char) and Ctrl+C/V belong to the
 * shell, so inside a terminal the app uses the Ctrl+Shift forms as GNOME Terminal and Konsole do;
 * the plain Ctrl forms work when focus is elsewhere in the app. On macOS, Cmd never reaches a
 * shell, so Cmd+W/F/C/V are ours everywhere.
 */

export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export interface KeyContext {
  readonly mac: boolean;
  /** Focus is inside a terminal (its keystrokes would otherwise go to the shell). */
  readonly inTerminal: boolean;
  /** Focus is in a text field (a `?` typed there is text, not the shortcuts sheet). */
  readonly inField?: boolean;
}

export type Shortcut =
  | { readonly kind: 'close' }
  | { readonly kind: 'next' }
  | { readonly kind: 'prev' }
  | { readonly kind: 'select'; readonly index: number }
  | { readonly kind: 'search' }
  | { readonly kind: 'zoom'; readonly step: 1 | -1 }
  | { readonly kind: 'zoom-reset' };

/** The workspace shortcut a key press means, or null to let it through. */
export function shortcutFor(event: KeyLike, context: KeyContext): Shortcut | null {
  if (event.altKey) return null;
  if (event.ctrlKey && !event.metaKey && event.key === 'Tab') {
    return { kind: event.shiftKey ? 'prev' : 'next' };
  }
  const primary = context.mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!primary) return null;
  const letter = event.key.toLowerCase();
  if (letter === 'w' || letter === 'f') {
    if (!appOwnsLetter(event, context)) return null;
    return { kind: letter === 'w' ? 'close' : 'search' };
  }
  const digit = digitOf(event);
  if (digit !== null && digit >= 1 && !event.shiftKey) return { kind: 'select', index: digit - 1 };
  if (event.key === '=' || event.key === '+' || event.code === 'NumpadAdd') {
    return { kind: 'zoom', step: 1 };
  }
  if ((event.key === '-' || event.code === 'NumpadSubtract') && !event.shiftKey) {
    return { kind: 'zoom', step: -1 };
  }
  if (digit === 0 && !event.shiftKey) return { kind: 'zoom-reset' };
  return null;
}

export type ClipboardKey = 'copy' | 'paste';

/** Copy or paste keys inside a terminal: Cmd+C/V on macOS, Ctrl+Shift+C/V elsewhere. */
export function clipboardKeyFor(event: KeyLike, mac: boolean): ClipboardKey | null {
  if (event.altKey) return null;
  const letter = event.key.toLowerCase();
  if (letter !== 'c' && letter !== 'v') return null;
  const match = mac
    ? event.metaKey && !event.ctrlKey && !event.shiftKey
    : event.ctrlKey && event.shiftKey && !event.metaKey;
  if (!match) return null;
  return letter === 'c' ? 'copy' : 'paste';
}

/** Cmd+letter on macOS; Ctrl+Shift+letter anywhere, plain Ctrl+letter only outside a terminal. */
function appOwnsLetter(event: KeyLike, context: KeyContext): boolean {
  if (context.mac) return !event.shiftKey;
  return event.shiftKey || !context.inTerminal;
}

/** The digit of Digit0–Digit9 / Numpad0–9 (by physical key, so keyboard layouts do not matter). */
function digitOf(event: KeyLike): number | null {
  const match = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (match?.[1] !== undefined) return Number(match[1]);
  return /^[0-9]$/.test(event.key) ? Number(event.key) : null;
}
