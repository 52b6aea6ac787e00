import { describe, expect, it } from 'vitest';
import {
  cleanLine,
  lastTerminalLogEvent,
  parseGoDuration,
  terminalLogEvents,
} from '../../../../../src/main/core/job-log/trace-lines';

describe('terminal log lines', () => {
  it('finds the runner lines through colours and timestamp prefixes', () => {
    const log = [
      '2025-01-01T12:00:00.123456Z 00O $ make test',
      '2025-01-01T12:00:05.000000Z 00O \x1b[32;1mTerminal is connected, will time out in 29m41s...\x1b[0;m',
      '2025-01-01T12:10:00.000000Z 00O \x1b[32;1mTerminal disconnected\x1b[0;m',
      '',
    ].join('\n');
    expect(terminalLogEvents(log)).toEqual([
      { kind: 'hold-started', timeoutS: 29 * 60 + 41, at: '2025-01-01T12:00:05.000000Z' },
      { kind: 'disconnected', at: '2025-01-01T12:10:00.000000Z' },
    ]);
  });

  it('tells a timeout from a disconnect, without a timestamp prefix', () => {
    const log =
      '\x1b[32;1mTerminal is connected, will time out in 2s...\x1b[0;m\r\n' +
      '\x1b[32;1mterminal session timed out (maximum time allowed - 2s)\x1b[0;m\n';
    expect(lastTerminalLogEvent(log)).toEqual({ kind: 'timed-out', at: null });
    expect(lastTerminalLogEvent('just a log\n')).toBeNull();
  });

  it('cleans a line', () => {
    expect(cleanLine('2025-01-01T12:00:00.000100Z 01E+\x1b[31merror\x1b[0m\r')).toEqual({
      text: 'error',
      at: '2025-01-01T12:00:00.000100Z',
    });
  });

  it.each([
    ['30m0s', 1800],
    ['1h0m0s', 3600],
    ['29m41s', 1781],
    ['2s', 2],
    ['nonsense', 0],
  ])('parses the Go duration %s', (text, seconds) => {
    expect(parseGoDuration(text)).toBe(seconds);
  });
});
