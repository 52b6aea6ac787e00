import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeForClose, exitCodeForError } from '../../../src/cli/exit-codes';

describe('exit codes', () => {
  it('maps normal ends to 0, refusals to 3, credentials to 2, failures to 1', () => {
    expect(exitCodeForClose('released')).toBe(EXIT.ok);
    expect(exitCodeForClose('shell-exited')).toBe(EXIT.ok);
    expect(exitCodeForClose('job-finished')).toBe(EXIT.ok);
    expect(exitCodeForClose('hold-timed-out')).toBe(EXIT.ok);
    expect(exitCodeForClose('not-allowed')).toBe(EXIT.notAllowed);
    expect(exitCodeForClose('already-attached')).toBe(EXIT.notAllowed);
    expect(exitCodeForClose('sign-in-required')).toBe(EXIT.usage);
    expect(exitCodeForClose('runner-unavailable')).toBe(EXIT.failed);
    expect(exitCodeForClose('tls-error')).toBe(EXIT.failed);
    expect(exitCodeForClose('connection-lost')).toBe(EXIT.failed);
  });

  it('maps refused requests by their contract code', () => {
    expect(exitCodeForError('bad-input')).toBe(EXIT.usage);
    expect(exitCodeForError('auth')).toBe(EXIT.usage);
    expect(exitCodeForError('not-found')).toBe(EXIT.notAllowed);
    expect(exitCodeForError('network')).toBe(EXIT.failed);
  });
});
