import type { IPty } from 'node-pty';
import { SHELL_EOT_GRACE_MS, SHELL_KILL_GRACE_MS } from '../core/constants';
import type { CounterSet } from '../core/counters';
import type { DoubleEvents } from '../core/events';
import type { DisconnectReason } from '../core/types';

/** End-of-transmission: what Workhorse sends the runner when the browser closes cleanly. */
const EOT = Buffer.from([0x04]);

/** How a connection ends on the runner side. */
export type EndHow = 'eot' | 'hangup';

type CloseListener = (reason: DisconnectReason) => void;

/**
 * The runner's end of one terminal connection: a shell in a PTY (one per connection, so no state
 * carries over between reconnects). Workhorse's proxy pumps bytes in and out of it.
 */
export class RunnerTerminal {
  readonly jobId: number;
  readonly #pty: IPty;
  readonly #events: DoubleEvents;
  readonly #counters: CounterSet;
  readonly #exited: Promise<void>;
  readonly #closeListeners: CloseListener[] = [];
  #open = true;
  #hasExited = false;
  #output: ((chunk: Buffer) => void) | null = null;
  /** Output produced before Workhorse finished the upgrade (the first prompt). */
  #early: Buffer[] = [];

  constructor(jobId: number, pty: IPty, events: DoubleEvents, counters: CounterSet) {
    this.jobId = jobId;
    this.#pty = pty;
    this.#events = events;
    this.#counters = counters;
    // With `encoding: null` node-pty hands out Buffers even though its typings say string.
    pty.onData((data: string | Buffer) => {
      if (!this.#open) return;
      const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      if (this.#output === null) this.#early.push(chunk);
      else this.#output(chunk);
    });
    this.#exited = new Promise((resolve) => {
      pty.onExit(({ exitCode }) => {
        this.#hasExited = true;
        this.#events.emit('shell-exited', { jobId, exitCode });
        this.#disconnect('shell-exit');
        resolve();
      });
    });
  }

  /** The one consumer of the shell's output; gets anything buffered so far first. */
  setOutput(listener: (chunk: Buffer) => void): void {
    this.#output = listener;
    const early = this.#early;
    this.#early = [];
    for (const chunk of early) listener(chunk);
  }

  onClose(listener: CloseListener): void {
    this.#closeListeners.push(listener);
  }

  write(bytes: Buffer): void {
    if (!this.#open || bytes.length === 0) return;
    this.#pty.write(bytes);
    this.#counters.bytesIn(bytes.length);
    this.#events.emit('shell-input', { jobId: this.jobId, bytes });
  }

  pause(): void {
    this.#pty.pause();
  }

  resume(): void {
    this.#pty.resume();
  }

  /**
   * Ends the connection. With 'eot' the shell first gets 0x04, as Workhorse sends on a client
   * Close, and a moment to act on it; then the runner hangs the PTY up either way.
   */
  end(reason: DisconnectReason, how: EndHow): void {
    if (!this.#open) return;
    if (how === 'eot') this.write(EOT);
    this.#disconnect(reason);
    if (how === 'eot') {
      setTimeout(() => {
        this.#hangUp();
      }, SHELL_EOT_GRACE_MS);
    } else {
      this.#hangUp();
    }
  }

  /** Resolves once the shell process is gone. */
  exited(): Promise<void> {
    return this.#exited;
  }

  #disconnect(reason: DisconnectReason): void {
    if (!this.#open) return;
    this.#open = false;
    this.#output = null;
    this.#early = [];
    for (const listener of this.#closeListeners) listener(reason);
  }

  /** SIGHUP, like a closed PTY; an interactive bash forwards it to its jobs and exits. */
  #hangUp(): void {
    if (this.#hasExited) return;
    // A paused PTY never reads its EOF, and node-pty reports the exit only after that.
    this.#pty.resume();
    this.#signal('SIGHUP');
    const killer = setTimeout(() => {
      if (!this.#hasExited) this.#signal('SIGKILL');
    }, SHELL_KILL_GRACE_MS);
    void this.#exited.then(() => {
      clearTimeout(killer);
    });
  }

  #signal(signal: NodeJS.Signals): void {
    try {
      this.#pty.kill(signal);
    } catch {
      // Already gone: nothing to signal.
    }
  }
}
