import { describe, expect, it } from 'vitest';
import {
  CONFIRM_ABOVE_CHARS,
  CONFIRM_ABOVE_LINES,
  PREVIEW_LINES,
  pasteNeedsConfirmation,
  summarizePaste,
} from '../../../../../src/renderer/terminal/xterm/paste-policy';

const needs = (text: string): boolean => pasteNeedsConfirmation(summarizePaste(text));

describe('paste confirmation', () => {
  it('lets single lines through, however long, and a command with its trailing newline', () => {
    expect(needs('ls -la')).toBe(false);
    expect(needs('x'.repeat(10_000))).toBe(false);
    expect(needs(`${'y'.repeat(500)}\n`)).toBe(false);
  });

  it('lets short multi-line pastes through', () => {
    expect(needs('cd /tmp\nls\n')).toBe(false);
    expect(needs(Array.from({ length: CONFIRM_ABOVE_LINES }, (_, i) => `l${i}`).join('\n'))).toBe(
      false,
    );
  });

  it('asks for more than the line limit, or for long multi-line pastes', () => {
    expect(
      needs(Array.from({ length: CONFIRM_ABOVE_LINES + 1 }, (_, i) => `l${i}`).join('\n')),
    ).toBe(true);
    expect(needs(`echo hi\n${'z'.repeat(CONFIRM_ABOVE_CHARS)}`)).toBe(true);
    expect(needs('a\r\nb\r\nc\r\nd\r\ne\r\nf')).toBe(true);
  });

  it('summarises line count and a preview of the first lines, control characters made visible', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const summary = summarizePaste(text);
    expect(summary.lineCount).toBe(10);
    expect(summary.preview).toHaveLength(PREVIEW_LINES);
    expect(summary.truncated).toBe(true);
    expect(summarizePaste('a\u001b[201~b').preview).toEqual(['a�[201~b']);
  });
});
