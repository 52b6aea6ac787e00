/**
 * stdin to the job's shell. A terminal is put in raw mode so every key (Ctrl-C, arrows, Tab) goes
 * through as typed, filtered only for the detach key. Piped input goes through as is, and at its
 * end `exit` is typed: the remote shell then runs every queued command, exits by itself, and the
 * session ends. (Closing the socket at EOF instead would send EOT and kill a command still running;
 * waiting for the output to go quiet would guess wrong for any command that is silent for a while.)
 */
import { StringDecoder } from 'node:string_decoder';
import { EscapeFilter } from './escape-keys';

/** Typed after piped input ends; `\r` is Enter, as a terminal sends it. */
export const EXIT_COMMAND = 'exit\r';

export interface ForwarderTarget {
  send(data: string): void;
  detach(): void;
}

export class StdinForwarder {
  // Keeps a UTF-8 character that a read split in two whole for the core's string input.
  readonly #decoder = new StringDecoder('utf8');
  readonly #escape = new EscapeFilter();
  #started = false;
  #ended = false;
  #atLineStart = true;

  constructor(
    private readonly stdin: NodeJS.ReadStream,
    private readonly interactive: boolean,
    private readonly target: ForwarderTarget,
  ) {}

  get started(): boolean {
    return this.#started;
  }

  /** Piped input reached its end and `exit` was typed after it. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Starts reading; called once the first shell is open (the core drops keystrokes for a shell
   * that does not exist yet, while piped input simply waits in the pipe until then).
   */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    if (this.interactive) this.stdin.setRawMode(true);
    this.stdin.on('data', this.#onData);
    if (!this.interactive) this.stdin.once('end', this.#onEnd);
    this.stdin.resume();
  }

  stop(): void {
    this.stdin.off('data', this.#onData);
    this.stdin.off('end', this.#onEnd);
    this.stdin.pause();
  }

  /** Back to the mode the shell that started jobshell expects. Safe to call any number of times. */
  restoreTty(): void {
    if (this.interactive && this.stdin.isRaw) this.stdin.setRawMode(false);
  }

  readonly #onData = (buffer: Buffer): void => {
    const text = this.#decoder.write(buffer);
    if (!this.interactive) {
      this.#sendPiped(text);
      return;
    }
    const result = this.#escape.push(text);
    if (result.forward !== '') this.target.send(result.forward);
    if (result.detach) this.target.detach();
  };

  readonly #onEnd = (): void => {
    this.#sendPiped(this.#decoder.end());
    // A last line without its newline is finished first, so `exit` is a command of its own.
    this.target.send(`${this.#atLineStart ? '' : '\r'}${EXIT_COMMAND}`);
    this.#ended = true;
  };

  #sendPiped(text: string): void {
    if (text === '') return;
    this.#atLineStart = text.endsWith('\n') || text.endsWith('\r');
    this.target.send(text);
  }
}
