import { describe, expect, it } from 'vitest';
import {
  displayText,
  LogLines,
  type LogLine,
} from '../../../../../src/renderer/terminal/log/log-lines';

const text = (line: LogLine | null): string => line?.segments.map((s) => s.text).join('') ?? '';

describe('displayText', () => {
  it('strips section markers (with options) and their erase-line codes', () => {
    const raw =
      '\u001b[0Ksection_start:1700000000:step_script[collapsed=true]\r\u001b[0K\u001b[0K\u001b[36;1mExecuting "step_script"\u001b[0;m';
    const { segments } = new LogLinesProbe(raw).only();
    expect(segments.map((s) => s.text).join('')).toBe('Executing "step_script"');
    expect(displayText('\u001b[0Ksection_end:1700000001:step_script\r\u001b[0K')).toBeNull();
    const log = new LogLines();
    log.append('a\n\u001b[0Ksection_end:1:x\r\u001b[0K\nb\n');
    expect(log.lines.map(text)).toEqual(['a', 'b']);
  });

  it('strips runner timestamp prefixes, including continuation lines', () => {
    expect(displayText('2025-01-01T12:00:00.123456Z 00O $ echo hi')).toBe('$ echo hi');
    expect(displayText('2025-01-01T12:00:00.123456Z 01E+more')).toBe('more');
  });

  it('applies carriage-return overwrites but keeps earlier colours', () => {
    expect(displayText('10%\r50%\r100%\r')).toBe('100%');
    expect(displayText('\u001b[32m10%\r100%')).toBe('\u001b[32m100%');
  });
});

class LogLinesProbe {
  constructor(private readonly raw: string) {}
  only(): LogLine {
    const log = new LogLines();
    log.append(`${this.raw}\n`);
    const line = log.lines[0];
    if (line === undefined || log.lines.length !== 1) throw new Error('expected one line');
    return line;
  }
}

describe('LogLines', () => {
  it('appends across chunk boundaries, even inside an escape sequence', () => {
    const log = new LogLines();
    log.append('first li');
    expect(log.lines).toHaveLength(0);
    expect(text(log.partial)).toBe('first li');
    log.append('ne\n\u001b[3');
    log.append('1mred\u001b[0m\nthird');
    expect(log.lines.map(text)).toEqual(['first line', 'red']);
    expect(log.lines[1]?.segments[0]?.style.fg).toEqual({ kind: 'palette', index: 1 });
    expect(text(log.partial)).toBe('third');
  });

  it('joins runner continuation lines to the line before, as GitLab does', () => {
    // The timestamper flushes at every `\r` and marks what follows as a continuation (`+`).
    const log = new LogLines();
    log.append('2021-01-01T03:00:00.020010Z ffE \u001b[33mProgress bar: .\r\n');
    const id = log.lines[0]?.id;
    log.append('2021-01-01T04:00:00.020010Z ffE+.\r\n');
    log.append('2021-01-01T05:00:00.020010Z ffE+Done.\r\n2021-01-01T06:00:00.020010Z ffE next\n');
    expect(log.lines.map(text)).toEqual(['Done.', 'next']);
    expect(log.lines[0]?.id).toBe(id);
    expect(log.lines[0]?.segments[0]?.style.fg).toEqual({ kind: 'palette', index: 3 });
  });

  it('replaces everything on reset', () => {
    const log = new LogLines();
    log.append('old\nlog\n');
    log.reset('new\n');
    expect(log.lines.map(text)).toEqual(['new']);
    expect(log.partial).toBeNull();
  });

  it('keeps at most maxLines, counting what it dropped, with stable ids', () => {
    const log = new LogLines(3);
    log.append('1\n2\n3\n4\n5\n');
    expect(log.lines.map(text)).toEqual(['3', '4', '5']);
    expect(log.dropped).toBe(2);
    const ids = log.lines.map((l) => l.id);
    log.append('6\n');
    expect(log.lines.map((l) => l.id).slice(0, 2)).toEqual(ids.slice(1));
  });
});
