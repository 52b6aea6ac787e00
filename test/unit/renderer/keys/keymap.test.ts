import { describe, expect, it } from 'vitest';
import { chordText, keymapFor } from '../../../../src/renderer/keys/keymap';
import type { KeyLike } from '../../../../src/renderer/keys/shortcuts';

function key(init: Partial<KeyLike> & { key: string }): KeyLike {
  return { code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...init };
}
const inTerminal = { mac: false, inTerminal: true };
const outside = { mac: false, inTerminal: false };
const browser = keymapFor('browser', false);
const desktop = keymapFor('desktop', false);

/** The keys a browser keeps for itself (tab switching, closing the window). */
const BROWSER_OWNED: readonly KeyLike[] = [
  key({ key: 'Tab', code: 'Tab', ctrlKey: true }),
  key({ key: 'Tab', code: 'Tab', ctrlKey: true, shiftKey: true }),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) =>
    key({ key: String(n), code: `Digit${n}`, ctrlKey: true }),
  ),
  key({ key: 'W', code: 'KeyW', ctrlKey: true, shiftKey: true }),
  key({ key: 'w', code: 'KeyW', ctrlKey: true }),
  key({ key: '=', code: 'Equal', ctrlKey: true }),
  key({ key: '0', code: 'Digit0', ctrlKey: true }),
];

describe('browser keymap', () => {
  it('never binds a key the browser owns', () => {
    for (const event of BROWSER_OWNED) {
      expect(browser.match(event, inTerminal)).toBeNull();
      expect(browser.match(event, outside)).toBeNull();
    }
  });

  it('uses Alt chords by physical key', () => {
    expect(browser.match(key({ key: '¡', code: 'Digit1', altKey: true }), inTerminal)).toEqual({
      kind: 'select',
      index: 0,
    });
    expect(
      browser.match(key({ key: ']', code: 'BracketRight', altKey: true }), inTerminal),
    ).toEqual({ kind: 'next' });
    expect(browser.match(key({ key: '[', code: 'BracketLeft', altKey: true }), inTerminal)).toEqual(
      {
        kind: 'prev',
      },
    );
    expect(
      browser.match(key({ key: 'W', code: 'KeyW', altKey: true, shiftKey: true }), inTerminal),
    ).toEqual({ kind: 'close' });
    expect(
      browser.match(key({ key: 'F', code: 'KeyF', altKey: true, shiftKey: true }), inTerminal),
    ).toEqual({ kind: 'search' });
    expect(browser.match(key({ key: '0', code: 'Digit0', altKey: true }), inTerminal)).toEqual({
      kind: 'zoom-reset',
    });
  });

  it('leaves AltGr (Ctrl+Alt) alone, so characters can still be typed', () => {
    expect(
      browser.match(key({ key: '[', code: 'Digit8', altKey: true, ctrlKey: true }), inTerminal),
    ).toBeNull();
  });

  it('shows its own chords', () => {
    expect(chordText(browser.chord('next'))).toBe('Alt+]');
    expect(chordText(browser.chord('close'))).toBe('Alt+Shift+W');
    expect(chordText(browser.selectChord(3))).toBe('Alt+3');
  });
});

describe('desktop keymap', () => {
  it('keeps the desktop terminal shortcuts', () => {
    expect(desktop.match(key({ key: 'Tab', ctrlKey: true }), inTerminal)).toEqual({ kind: 'next' });
    expect(desktop.match(key({ key: '2', code: 'Digit2', ctrlKey: true }), inTerminal)).toEqual({
      kind: 'select',
      index: 1,
    });
    expect(chordText(desktop.chord('close'))).toBe('Ctrl+Shift+W');
    expect(chordText(desktop.selectChord(1))).toBe('Ctrl+1');
  });
});

describe('the shortcuts sheet key', () => {
  it('is F1 anywhere, and ? only where it is not typed into something', () => {
    for (const map of [browser, desktop]) {
      expect(map.match(key({ key: 'F1', code: 'F1' }), inTerminal)).toEqual({ kind: 'help' });
      expect(map.match(key({ key: '?', code: 'Slash', shiftKey: true }), outside)).toEqual({
        kind: 'help',
      });
      expect(map.match(key({ key: '?', code: 'Slash', shiftKey: true }), inTerminal)).toBeNull();
      expect(
        map.match(key({ key: '?', code: 'Slash', shiftKey: true }), { ...outside, inField: true }),
      ).toBeNull();
    }
  });
});
