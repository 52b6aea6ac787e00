/**
 * The detach key, telnet-style: Ctrl-] then q. Ctrl-] was chosen because shells and editors
 * rarely use it (Ctrl-C, Ctrl-D, Ctrl-Z and Ctrl-\ all mean something to the job's shell), and
 * Ctrl-] twice still sends one literal Ctrl-] for the rare program that wants it.
 */

/** Ctrl-] (GS, 0x1d). */
export const ESCAPE_CHAR = '\x1d';
/** The key after Ctrl-] that detaches. */
export const DETACH_KEYS: ReadonlySet<string> = new Set(['q', 'Q']);

export interface EscapeResult {
  /** What to send to the job's shell. */
  readonly forward: string;
  /** The user asked to detach; anything typed after it is dropped. */
  readonly detach: boolean;
}

/** Filters typed text for the escape sequence; keeps state across reads (Ctrl-] may end a read). */
export class EscapeFilter {
  #armed = false;

  push(text: string): EscapeResult {
    let forward = '';
    for (const ch of text) {
      if (this.#armed) {
        this.#armed = false;
        if (DETACH_KEYS.has(ch)) return { forward, detach: true };
        // Ctrl-] Ctrl-] is one literal Ctrl-]; any other key goes through with the Ctrl-] before it.
        forward += ch === ESCAPE_CHAR ? ESCAPE_CHAR : ESCAPE_CHAR + ch;
        continue;
      }
      if (ch === ESCAPE_CHAR) this.#armed = true;
      else forward += ch;
    }
    return { forward, detach: false };
  }
}
