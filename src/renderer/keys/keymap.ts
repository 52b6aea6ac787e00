/**
 * One keymap per home (product B11). The desktop app keeps the shortcuts of desktop terminals
 * (Ctrl+Tab, Ctrl+1…9, Ctrl+Shift+W: see shortcuts.ts). In a browser those belong to the browser:
 * Ctrl+Tab and Ctrl+1…9 switch browser tabs and Ctrl+Shift+W closes the whole window before the
 * page ever sees them. Browser mode therefore uses Alt chords that browsers leave to the page, and
 * never binds the desktop ones. Everything that shows a shortcut reads it from the active keymap.
 */
import { shortcutFor, type KeyContext, type KeyLike, type Shortcut } from './shortcuts';

export type KeymapMode = 'desktop' | 'browser';

/** A workspace shortcut, or the shortcuts sheet (? or F1). */
export type KeyAction = Shortcut | { readonly kind: 'help' };

/** What a shortcut is shown for (tooltips, empty state, the sheet). */
export type KeyLabel =
  | 'next'
  | 'prev'
  | 'select'
  | 'search'
  | 'close'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset'
  | 'copy'
  | 'paste'
  | 'help';

export interface Keymap {
  readonly mode: KeymapMode;
  /** The action a key press means, or null to let it through to the page or the shell. */
  readonly match: (event: KeyLike, context: KeyContext) => KeyAction | null;
  /** The key caps of a shortcut, e.g. ['Alt', ']']; `select` is shown for tab 1 (`selectChord` for others). */
  readonly chord: (label: KeyLabel) => readonly string[];
  /** The chord that selects tab `n` (1-based). */
  readonly selectChord: (n: number) => readonly string[];
}

/** The keymap of a mode on a platform. */
export function keymapFor(mode: KeymapMode, mac: boolean): Keymap {
  return mode === 'browser' ? browserKeymap(mac) : desktopKeymap(mac);
}

/** A chord as text for a tooltip: "Alt+Shift+W". */
export function chordText(chord: readonly string[]): string {
  return chord.join('+');
}

function desktopKeymap(mac: boolean): Keymap {
  const mod = mac ? 'Cmd' : 'Ctrl';
  const appMod = mac ? ['Cmd'] : ['Ctrl', 'Shift'];
  const chords: Readonly<Record<KeyLabel, readonly string[]>> = {
    next: ['Ctrl', 'Tab'],
    prev: ['Ctrl', 'Shift', 'Tab'],
    select: [mod, '1…9'],
    search: [...appMod, 'F'],
    close: [...appMod, 'W'],
    'zoom-in': [mod, '+'],
    'zoom-out': [mod, '−'],
    'zoom-reset': [mod, '0'],
    copy: mac ? ['Cmd', 'C'] : ['Ctrl', 'Shift', 'C'],
    paste: mac ? ['Cmd', 'V'] : ['Ctrl', 'Shift', 'V'],
    help: ['F1'],
  };
  return {
    mode: 'desktop',
    match: (event, context) => helpKey(event, context) ?? shortcutFor(event, { ...context, mac }),
    chord: (label) => chords[label],
    selectChord: (n) => [mod, String(n)],
  };
}

function browserKeymap(mac: boolean): Keymap {
  const chords: Readonly<Record<KeyLabel, readonly string[]>> = {
    next: ['Alt', ']'],
    prev: ['Alt', '['],
    select: ['Alt', '1…9'],
    search: ['Alt', 'Shift', 'F'],
    close: ['Alt', 'Shift', 'W'],
    'zoom-in': ['Alt', '+'],
    'zoom-out': ['Alt', '−'],
    'zoom-reset': ['Alt', '0'],
    copy: mac ? ['Cmd', 'C'] : ['Ctrl', 'Shift', 'C'],
    paste: mac ? ['Cmd', 'V'] : ['Ctrl', 'Shift', 'V'],
    help: ['F1'],
  };
  return {
    mode: 'browser',
    match: (event, context) => helpKey(event, context) ?? browserShortcut(event),
    chord: (label) => chords[label],
    selectChord: (n) => ['Alt', String(n)],
  };
}

/**
 * Alt (Option) plus a key, matched by physical key so layouts and the characters Alt produces on
 * macOS do not matter. Ctrl and Meta must be up: Ctrl+Alt is AltGr on Windows keyboards.
 */
function browserShortcut(event: KeyLike): Shortcut | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const digit = /^Digit([0-9])$/.exec(event.code)?.[1];
  if (event.shiftKey) {
    if (event.code === 'KeyW') return { kind: 'close' };
    if (event.code === 'KeyF') return { kind: 'search' };
    if (event.code === 'Equal') return { kind: 'zoom', step: 1 };
    return null;
  }
  if (digit !== undefined) {
    return digit === '0' ? { kind: 'zoom-reset' } : { kind: 'select', index: Number(digit) - 1 };
  }
  switch (event.code) {
    case 'BracketRight':
      return { kind: 'next' };
    case 'BracketLeft':
      return { kind: 'prev' };
    case 'Equal':
    case 'NumpadAdd':
      return { kind: 'zoom', step: 1 };
    case 'Minus':
    case 'NumpadSubtract':
      return { kind: 'zoom', step: -1 };
    default:
      return null;
  }
}

/** F1 anywhere; `?` only where it is not typed into something (a field or a terminal). */
function helpKey(event: KeyLike, context: KeyContext): KeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'F1') return { kind: 'help' };
  if (event.key === '?' && !context.inTerminal && context.inField !== true) return { kind: 'help' };
  return null;
}
