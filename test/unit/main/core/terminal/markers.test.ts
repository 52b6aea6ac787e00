import { describe, expect, it } from 'vitest';
import {
  MARKER_COLUMNS,
  sessionEndedMarker,
  wrapWords,
} from '../../../../../src/main/core/terminal/markers';

/** The visible lines of a marker: SGR sequences and the CRLF framing removed. */
function visibleLines(marker: string): string[] {
  // eslint-disable-next-line no-control-regex -- stripping SGR is the point.
  const plain = marker.replace(/\x1b\[[0-9;]*m/g, '');
  return plain.split('\r\n').filter((l) => l !== '');
}

describe('marker lines', () => {
  it('wrap between words, never past the width, and keep a long word whole', () => {
    expect(wrapWords('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapWords('  one   two ', 20)).toEqual(['one two']);
    expect(wrapWords('short averyveryverylongword x', 8)).toEqual([
      'short',
      'averyveryverylongword',
      'x',
    ]);
  });

  it('a long reason is wrapped between words, with no dangling closing rule', () => {
    const reason = "The runner's session timeout ended the terminal that was holding the job open.";
    const lines = visibleLines(sessionEndedMarker(reason));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(MARKER_COLUMNS);
    expect(lines.join(' ')).toBe(`── session ended: ${reason}`);
    expect(lines.at(-1)).not.toMatch(/─$/);
  });

  it('control characters from outside cannot reach the terminal', () => {
    expect(visibleLines(sessionEndedMarker('bad\x1b]0;title\x07 text')).join(' ')).toBe(
      '── session ended: bad ]0;title text',
    );
  });
});
