import { describe, expect, it } from 'vitest';
import {
  clipboardKeyFor,
  shortcutFor,
  type KeyLike,
} from '../../../../src/renderer/keys/shortcuts';

function key(init: Partial<KeyLike> & { key: string }): KeyLike {
  return { code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...init };
}
const linux = { mac: false, inTerminal: true };
const linuxOutside = { mac: false, inTerminal: false };
const mac = { mac: true, inTerminal: true };

describe('shortcutFor', () => {
  it('leaves Ctrl+W and Ctrl+F to the shell inside a terminal on Linux/Windows', () => {
    expect(shortcutFor(key({ key: 'w', ctrlKey: true }), linux)).toBeNull();
    expect(shortcutFor(key({ key: 'f', ctrlKey: true }), linux)).toBeNull();
    expect(shortcutFor(key({ key: 'c', ctrlKey: true }), linux)).toBeNull();
  });

  it('uses Ctrl+Shift+W/F inside a terminal and plain Ctrl+W/F elsewhere', () => {
    expect(shortcutFor(key({ key: 'W', ctrlKey: true, shiftKey: true }), linux)).toEqual({
      kind: 'close',
    });
    expect(shortcutFor(key({ key: 'F', ctrlKey: true, shiftKey: true }), linux)).toEqual({
      kind: 'search',
    });
    expect(shortcutFor(key({ key: 'w', ctrlKey: true }), linuxOutside)).toEqual({ kind: 'close' });
    expect(shortcutFor(key({ key: 'f', ctrlKey: true }), linuxOutside)).toEqual({ kind: 'search' });
  });

  it('uses Cmd on macOS and leaves Ctrl letters to the shell', () => {
    expect(shortcutFor(key({ key: 'w', metaKey: true }), mac)).toEqual({ kind: 'close' });
    expect(shortcutFor(key({ key: 'f', metaKey: true }), mac)).toEqual({ kind: 'search' });
    expect(shortcutFor(key({ key: 'w', ctrlKey: true }), mac)).toBeNull();
    expect(shortcutFor(key({ key: '1', code: 'Digit1', metaKey: true }), mac)).toEqual({
      kind: 'select',
      index: 0,
    });
  });

  it('cycles with Ctrl+Tab / Ctrl+Shift+Tab on every system', () => {
    expect(shortcutFor(key({ key: 'Tab', ctrlKey: true }), linux)).toEqual({ kind: 'next' });
    expect(shortcutFor(key({ key: 'Tab', ctrlKey: true, shiftKey: true }), mac)).toEqual({
      kind: 'prev',
    });
    expect(shortcutFor(key({ key: 'Tab' }), linux)).toBeNull();
  });

  it('selects tabs 1–9 by physical key and zooms with = - 0', () => {
    expect(shortcutFor(key({ key: '&', code: 'Digit1', ctrlKey: true }), linux)).toEqual({
      kind: 'select',
      index: 0,
    });
    expect(shortcutFor(key({ key: '9', code: 'Digit9', ctrlKey: true }), linux)).toEqual({
      kind: 'select',
      index: 8,
    });
    expect(shortcutFor(key({ key: '=', code: 'Equal', ctrlKey: true }), linux)).toEqual({
      kind: 'zoom',
      step: 1,
    });
    expect(
      shortcutFor(key({ key: '+', code: 'Equal', ctrlKey: true, shiftKey: true }), linux),
    ).toEqual({ kind: 'zoom', step: 1 });
    expect(shortcutFor(key({ key: '-', code: 'Minus', ctrlKey: true }), linux)).toEqual({
      kind: 'zoom',
      step: -1,
    });
    expect(shortcutFor(key({ key: '0', code: 'Digit0', ctrlKey: true }), linux)).toEqual({
      kind: 'zoom-reset',
    });
  });

  it('ignores Alt combinations and unmodified keys', () => {
    expect(
      shortcutFor(key({ key: 'w', ctrlKey: true, altKey: true, shiftKey: true }), linux),
    ).toBeNull();
    expect(shortcutFor(key({ key: '1', code: 'Digit1' }), linux)).toBeNull();
  });
});

describe('clipboardKeyFor', () => {
  it('copies and pastes with Ctrl+Shift+C/V on Linux/Windows, leaving Ctrl+C to the shell', () => {
    expect(clipboardKeyFor(key({ key: 'C', ctrlKey: true, shiftKey: true }), false)).toBe('copy');
    expect(clipboardKeyFor(key({ key: 'V', ctrlKey: true, shiftKey: true }), false)).toBe('paste');
    expect(clipboardKeyFor(key({ key: 'c', ctrlKey: true }), false)).toBeNull();
    expect(clipboardKeyFor(key({ key: 'v', ctrlKey: true }), false)).toBeNull();
  });

  it('uses Cmd+C/V on macOS, where Ctrl+C stays an interrupt', () => {
    expect(clipboardKeyFor(key({ key: 'c', metaKey: true }), true)).toBe('copy');
    expect(clipboardKeyFor(key({ key: 'v', metaKey: true }), true)).toBe('paste');
    expect(clipboardKeyFor(key({ key: 'c', ctrlKey: true }), true)).toBeNull();
  });
});
