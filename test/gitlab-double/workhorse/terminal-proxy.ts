import type { RawData, WebSocket } from 'ws';
import { OUTPUT_HIGH_WATER_BYTES, OUTPUT_LOW_WATER_BYTES } from '../core/constants';
import type { CounterSet } from '../core/counters';
import type { DoubleEvents } from '../core/events';
import type { DisconnectReason, Utf8SplitMode } from '../core/types';
import type { RunnerTerminal } from '../runner/runner-terminal';
import { decodeInput, encodeOutput, type Framing } from './framing';
import { OutputChunker } from './output-chunker';

export interface ProxyDeps {
  readonly events: DoubleEvents;
  readonly counters: CounterSet;
  readonly utf8Split: () => Utf8SplitMode;
  readonly pingIntervalMs: number;
  readonly reauthIntervalMs: number;
  /** Repeats `/authorize` with the handshake's headers; false when it fails or changed. */
  readonly reauthorize: () => boolean;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * Workhorse's two pumps between the browser and the runner (channel/proxy.go), with its ping and
 * re-authorisation tickers. Every end except a client Close drops the TCP connection without a
 * Close frame, so the client sees 1006.
 */
export class TerminalProxy {
  readonly jobId: number;
  readonly #ws: WebSocket;
  readonly #terminal: RunnerTerminal;
  readonly #framing: Framing;
  readonly #deps: ProxyDeps;
  readonly #chunker: OutputChunker;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #endListeners: (() => void)[] = [];
  #ended = false;
  #halfOpen = false;
  #clientClosed = false;
  #paused = false;

  constructor(ws: WebSocket, terminal: RunnerTerminal, framing: Framing, deps: ProxyDeps) {
    this.jobId = terminal.jobId;
    this.#ws = ws;
    this.#terminal = terminal;
    this.#framing = framing;
    this.#deps = deps;
    this.#chunker = new OutputChunker(deps.utf8Split);
  }

  start(): void {
    const ws = this.#ws;
    // ws answers a Close frame by calling the instance's close(code, reason), echoing the
    // reason; gorilla echoes the code with an EMPTY reason, so the instance method is wrapped.
    const close = ws.close.bind(ws);
    ws.close = (code?: number): void => {
      this.#onClientClose(code, close);
    };
    ws.on('message', (data: RawData) => {
      this.#onMessage(toBuffer(data));
    });
    // autoPong is off on the server so a half-open connection can stay silent.
    ws.on('ping', (data: Buffer) => {
      if (!this.#halfOpen) ws.pong(data);
    });
    ws.on('error', () => {
      // The 'close' event follows and ends the session.
    });
    ws.on('close', () => {
      this.end(this.#clientClosed ? 'client-close' : 'client-gone');
    });
    this.#terminal.onClose((reason) => {
      this.end(reason);
    });
    this.#terminal.setOutput((chunk) => {
      this.#onOutput(chunk);
    });
    this.#timers.push(
      setInterval(() => {
        this.#ping();
      }, this.#deps.pingIntervalMs),
      setInterval(() => {
        this.#reauthorize();
      }, this.#deps.reauthIntervalMs),
    );
  }

  onEnd(listener: () => void): void {
    this.#endListeners.push(listener);
  }

  /** From now on nothing is sent or answered, as if the network path silently died. */
  halfOpen(): void {
    this.#halfOpen = true;
    this.#terminal.pause();
  }

  end(reason: DisconnectReason): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const timer of this.#timers) clearInterval(timer);
    if (reason === 'client-close') this.#terminal.end(reason, 'eot');
    else this.#terminal.end(reason, 'hangup');
    if (reason !== 'client-close') this.#ws.terminate();
    this.#deps.events.emit('terminal-disconnected', { jobId: this.jobId, reason });
    for (const listener of this.#endListeners) listener();
  }

  #onClientClose(code: number | undefined, close: (code?: number) => void): void {
    if (this.#halfOpen || this.#ended) return;
    this.#clientClosed = true;
    close(code);
    this.end('client-close');
  }

  #onMessage(frame: Buffer): void {
    if (this.#halfOpen || this.#ended) return;
    const input = decodeInput(this.#framing, frame);
    switch (input.kind) {
      case 'invalid':
        this.end('invalid-frame');
        return;
      case 'data':
        this.#terminal.write(input.bytes);
        return;
    }
  }

  #onOutput(chunk: Buffer): void {
    if (this.#halfOpen || this.#ended) return;
    for (const piece of this.#chunker.split(chunk)) this.#send(piece);
  }

  /**
   * Sends one frame; like the runner's blocking write, the PTY is not read while a frame waits in
   * user space for the kernel to take it (constants.ts, OUTPUT_HIGH_WATER_BYTES).
   */
  #send(piece: Buffer): void {
    const frame = encodeOutput(this.#framing, piece);
    this.#deps.counters.bytesOut(piece.length);
    this.#ws.send(frame.data, { binary: frame.binary }, () => {
      if (this.#paused && !this.#halfOpen && this.#ws.bufferedAmount <= OUTPUT_LOW_WATER_BYTES) {
        this.#paused = false;
        this.#terminal.resume();
      }
    });
    if (!this.#paused && this.#ws.bufferedAmount > OUTPUT_HIGH_WATER_BYTES) {
      this.#paused = true;
      this.#terminal.pause();
    }
  }

  #ping(): void {
    if (this.#halfOpen || this.#ended) return;
    this.#ws.ping();
    this.#deps.counters.pingSent();
    this.#deps.events.emit('ping-sent', { jobId: this.jobId });
  }

  #reauthorize(): void {
    if (this.#ended) return;
    const ok = this.#deps.reauthorize();
    this.#deps.events.emit('reauthorized', { jobId: this.jobId, ok });
    if (!ok) this.end('reauth-failed');
  }
}
