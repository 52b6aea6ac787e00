import { describe, expect, it } from 'vitest';
import {
  encodeInput,
  MAX_INPUT_FRAME_BYTES,
  PASTE_END,
  PASTE_START,
  sanitizePaste,
} from '../../../../../src/main/core/terminal/input-encoding';

const decoder = new TextDecoder('utf-8', { fatal: true });

describe('encodeInput', () => {
  it('sends a keystroke as one frame of UTF-8 bytes', () => {
    expect(encodeInput('é')).toEqual([Uint8Array.from([0xc3, 0xa9])]);
  });

  it('cuts long input into frames of at most 4 KiB, never inside a character', () => {
    // 4095 ASCII bytes then a 4-byte character straddling the 4096 boundary.
    const text = `${'a'.repeat(4095)}😀${'b'.repeat(10)}${'€'.repeat(3000)}`;
    const frames = encodeInput(text);
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) {
      expect(frame.length).toBeLessThanOrEqual(MAX_INPUT_FRAME_BYTES);
      // Each frame decodes on its own (fatal decoder): no character was split.
      expect(() => decoder.decode(frame)).not.toThrow();
    }
    expect(frames[0]?.length).toBe(4095);
    expect(frames.map((f) => decoder.decode(f)).join('')).toBe(text);
  });

  it('sends nothing for empty input', () => {
    expect(encodeInput('')).toEqual([]);
  });
});

describe('sanitizePaste', () => {
  it('removes bracketed-paste markers hidden in the pasted text, in both forms', () => {
    const hostile = `ls${PASTE_END}rm -rf /${PASTE_START}\u009b201~x`;
    expect(sanitizePaste(hostile, false)).toBe('lsrm -rf /x');
  });

  it('removes markers that only appear after another one was removed', () => {
    expect(sanitizePaste('a\x1b[20\x1b[201~1~b', false)).toBe('ab');
  });

  it('normalises newlines to carriage returns', () => {
    expect(sanitizePaste('a\r\nb\nc\rd', false)).toBe('a\rb\rc\rd');
  });

  it('wraps the text when the shell asked for bracketed paste', () => {
    expect(sanitizePaste('echo hi\n', true)).toBe(`${PASTE_START}echo hi\r${PASTE_END}`);
  });
});
