/**
 * The two outputs of `attach`: the job's bytes to stdout exactly as they came (never decoded, so
 * split UTF-8 and escape sequences pass intact), and jobshell's own lines to stderr, each starting
 * on a fresh line even when the shell's output stopped mid-line.
 */
import type { Writable } from 'node:stream';

const LF = 0x0a;

export interface WriterStreams {
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable;
}

export class TerminalWriter {
  #lastByte: number | null = null;
  #raw = false;

  constructor(private readonly streams: WriterStreams) {}

  /** In raw mode the terminal does not turn "\n" into a new line: lines need "\r\n". */
  setRaw(raw: boolean): void {
    this.#raw = raw;
  }

  /** Writes job output; `written` runs once the bytes left the process (the ack for flow control). */
  output(data: Uint8Array, written: () => void): void {
    if (data.length === 0) {
      written();
      return;
    }
    this.#lastByte = data[data.length - 1] ?? null;
    this.streams.stdout.write(data, () => {
      written();
    });
  }

  /** One line of jobshell's own, on stderr. */
  line(text: string): void {
    const eol = this.#raw ? '\r\n' : '\n';
    // Only when stdout is the same screen does its unfinished line matter.
    const midLine =
      this.streams.stdout.isTTY === true && this.#lastByte !== null && this.#lastByte !== LF;
    this.streams.stderr.write(`${midLine ? eol : ''}${text}${eol}`);
    // The screen is at the start of a line now, whoever writes next.
    this.#lastByte = LF;
  }
}
