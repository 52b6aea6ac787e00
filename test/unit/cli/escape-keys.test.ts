import { describe, expect, it } from 'vitest';
import { EscapeFilter } from '../../../src/cli/escape-keys';

describe('EscapeFilter', () => {
  it('passes ordinary keys, control keys included', () => {
    expect(new EscapeFilter().push('ls -l\r\x03\x04')).toEqual({
      forward: 'ls -l\r\x03\x04',
      detach: false,
    });
  });

  it('detaches on Ctrl-] q, dropping what follows, also across reads', () => {
    expect(new EscapeFilter().push('ab\x1dqcd')).toEqual({ forward: 'ab', detach: true });
    const filter = new EscapeFilter();
    expect(filter.push('x\x1d')).toEqual({ forward: 'x', detach: false });
    expect(filter.push('q')).toEqual({ forward: '', detach: true });
  });

  it('sends one Ctrl-] for two, and Ctrl-] with any other key as typed', () => {
    const filter = new EscapeFilter();
    expect(filter.push('\x1d\x1d')).toEqual({ forward: '\x1d', detach: false });
    // The pair was consumed: a following q is just a q.
    expect(filter.push('q')).toEqual({ forward: 'q', detach: false });
    expect(new EscapeFilter().push('\x1dx')).toEqual({ forward: '\x1dx', detach: false });
  });
});
