import { describe, expect, it } from 'vitest';
import {
  ansiToSegments,
  applySgr,
  color256,
  PLAIN_STYLE,
} from '../../../../../src/renderer/terminal/log/ansi-spans';

describe('ansiToSegments', () => {
  it('turns SGR colours into styled text segments', () => {
    const { segments, style } = ansiToSegments('\u001b[32;1mok\u001b[0;m done');
    expect(segments).toEqual([
      { text: 'ok', style: { ...PLAIN_STYLE, fg: { kind: 'palette', index: 2 }, bold: true } },
      { text: ' done', style: PLAIN_STYLE },
    ]);
    expect(style).toBe(PLAIN_STYLE);
  });

  it('carries the style across lines', () => {
    const first = ansiToSegments('\u001b[31mred');
    const second = ansiToSegments('still red', first.style);
    expect(second.segments[0]?.style.fg).toEqual({ kind: 'palette', index: 1 });
  });

  it('removes every other escape sequence and control character, keeping text as text', () => {
    const line =
      'a\u001b[0Kb\u001b]0;title\u0007c\u001b]8;;http://x\u001b\\d\u0000e\u001b(Bf<b>g</b>';
    const { segments } = ansiToSegments(line);
    expect(segments.map((s) => s.text).join('')).toBe('abcdef<b>g</b>');
  });

  it('handles 256-colour and true-colour, bright and background codes', () => {
    expect(applySgr(PLAIN_STYLE, '38;5;208').fg).toEqual({ kind: 'rgb', value: '#ff8700' });
    expect(applySgr(PLAIN_STYLE, '38;5;9').fg).toEqual({ kind: 'palette', index: 9 });
    expect(applySgr(PLAIN_STYLE, '48;2;1;2;3').bg).toEqual({ kind: 'rgb', value: '#010203' });
    expect(applySgr(PLAIN_STYLE, '94').fg).toEqual({ kind: 'palette', index: 12 });
    expect(applySgr(PLAIN_STYLE, '103').bg).toEqual({ kind: 'palette', index: 11 });
    expect(applySgr(applySgr(PLAIN_STYLE, '1;3;4'), '22;23;24')).toEqual(PLAIN_STYLE);
    expect(color256(232)).toEqual({ kind: 'rgb', value: '#080808' });
    expect(color256(300)).toBeNull();
  });

  it('ignores malformed SGR parameters instead of guessing', () => {
    expect(applySgr(PLAIN_STYLE, '38;5')).toEqual(PLAIN_STYLE);
    expect(applySgr(PLAIN_STYLE, '?25')).toBe(PLAIN_STYLE);
    expect(applySgr(PLAIN_STYLE, '')).toBe(PLAIN_STYLE);
  });
});
