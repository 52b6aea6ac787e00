/** A session's input side: frames for the socket, and what was typed last (to recognise `exit`). */
import { encodeInput } from './input-encoding';

/** Recent keystrokes kept (in memory only, never logged) to recognise a typed `exit`. */
const RECENT_INPUT_CHARS = 64;
/**
 * `exit`/`logout` (optionally with a status) as the last command line, or Ctrl-D. The line may end
 * in CR (a raw terminal's Enter) or LF: piped input, or a terminal whose line discipline still
 * turns CR into LF (the CLI before its TTY is raw), and the job's shell runs both alike.
 */
// eslint-disable-next-line no-control-regex -- Ctrl-D is a control character by definition.
const EXIT_TYPED = /(?:^|[\r\n;&|])[ \t]*(?:exit|logout)(?:[ \t]+\d+)?[ \t]*(?:\r\n?|\n)$|\x04$/;

/**
 * Answers the terminal itself sends on the input side (cursor position, device attributes, focus
 * in/out): they may follow a typed `exit` before the drop, and are not the user's input.
 */
// eslint-disable-next-line no-control-regex -- these reports start with ESC by definition.
const TRAILING_REPORTS = /(?:\x1b\[[0-9;?>]*[cRIOn])+$/;

export class SessionInput {
  #lastInputAt: number | null = null;
  #recent = '';

  get lastInputAt(): number | null {
    return this.#lastInputAt;
  }

  /** Encodes `data` into frames and remembers it as typed at `now`. */
  frames(data: string, now: number): readonly Uint8Array[] {
    this.#lastInputAt = now;
    this.#recent = applyBackspaces(this.#recent + data).slice(-RECENT_INPUT_CHARS);
    return encodeInput(data);
  }

  /**
   * The last thing typed ended the shell (`exit`, `logout`, Ctrl-D) and the drop at `now` came
   * within `windowMs` of it or of the shell's last output since (`lastOutputAt`). The shell's
   * answer (the echoed line, bash's own `exit`) and the drop arrive together, whereas the round
   * trip from typing to that answer can take longer than any window on a loaded machine.
   */
  typedExit(now: number, windowMs: number, lastOutputAt: number | null = null): boolean {
    if (this.#lastInputAt === null) return false;
    const lastActivity = Math.max(this.#lastInputAt, lastOutputAt ?? this.#lastInputAt);
    return (
      now - lastActivity <= windowMs && EXIT_TYPED.test(this.#recent.replace(TRAILING_REPORTS, ''))
    );
  }
}

/** Applies DEL/BS to typed text, so `exiy⌫t⏎` still reads as `exit⏎`. */
function applyBackspaces(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\x7f' || ch === '\b') out = out.slice(0, -1);
    else out += ch;
  }
  return out;
}
