import { describe, expect, it } from 'vitest';
import { SessionInput } from '../../../../../src/main/core/terminal/session-input';

const WINDOW_MS = 5_000;

function typed(...chunks: string[]): SessionInput {
  const input = new SessionInput();
  for (const chunk of chunks) input.frames(chunk, 1_000);
  return input;
}

describe('SessionInput.typedExit', () => {
  it.each<[string, string[]]>([
    ['exit + Enter', ['exit\r']],
    ['exit typed key by key', ['e', 'x', 'i', 't', '\r']],
    ['exit with a status', ['exit 3\r']],
    ['logout', ['logout\r']],
    ['Ctrl-D', ['\x04']],
    ['a typo fixed with backspace', ['exiy\x7ft\r']],
    ['after other commands on the line', ['make; exit\r']],
    ['followed by a cursor position report', ['exit\r', '\x1b[24;1R']],
    ['followed by focus out and device attributes', ['exit\r', '\x1b[O', '\x1b[?1;2c']],
    // Piped input, or a TTY whose line discipline still turns CR into LF: the shell runs it alike.
    ['exit + LF', ['exit\n']],
    ['exit + CR LF', ['exit\r\n']],
  ])('%s ended the shell', (_name, chunks) => {
    expect(typed(...chunks).typedExit(1_000, WINDOW_MS)).toBe(true);
  });

  it.each<[string, string[]]>([
    ['exit not yet entered', ['exit']],
    ['a command that mentions exit', ['echo exit\r']],
    ['something typed after exit', ['exit\r', 'ls\r']],
    ['something typed after exit + LF', ['exit\n', 'ls\n']],
    ['an arrow key after exit', ['exit\r', '\x1b[A']],
  ])('%s did not', (_name, chunks) => {
    expect(typed(...chunks).typedExit(1_000, WINDOW_MS)).toBe(false);
  });

  it('forgets an exit typed long before the drop', () => {
    expect(typed('exit\r').typedExit(1_000 + WINDOW_MS + 1, WINDOW_MS)).toBe(false);
    // Output from before the exit was typed does not move the window.
    expect(typed('exit\r').typedExit(1_000 + WINDOW_MS + 1, WINDOW_MS, 500)).toBe(false);
  });

  it('counts from the shell’s answer: a slow round trip to the runner is still an exit', () => {
    const answeredAt = 1_000 + 3 * WINDOW_MS;
    expect(typed('exit\r').typedExit(answeredAt + 10, WINDOW_MS, answeredAt)).toBe(true);
    expect(typed('exit\r').typedExit(answeredAt + WINDOW_MS + 1, WINDOW_MS, answeredAt)).toBe(
      false,
    );
  });
});
