/** A session's input side: frames for the socket, and what was typed last (to recognise `exit`). */
import { encodeInput } from './input-encoding';

/** Recent keystrokes kept (in memory only, never logged) to recognise a typed `exit`. */
const RECENT_INPUT_CHARS = 64;
/** `exit`/`logout` (optionally with a status) as the last command line, or Ctrl-D. */
// eslint-disable-next-line no-control-regex -- Ctrl-D is a control character by definition.
const EXIT_TYPED = /(?:^|[\r\n;&|])[ \t]*(?:exit|logout)(?:[ \t]+\d+)?[ \t]*\r$|\x04$/;

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

  /** The last thing typed, within `windowMs` of `now`, ended the shell (`exit`, `logout`, Ctrl-D). */
  typedExit(now: number, windowMs: number): boolean {
    return (
      this.#lastInputAt !== null &&
      now - this.#lastInputAt <= windowMs &&
      EXIT_TYPED.test(this.#recent)
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
