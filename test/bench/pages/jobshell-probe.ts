/**
 * Injected into Jobshell's renderer page (Playwright addInitScript) before any of its scripts.
 * It watches the browser-mode bridge socket (in its worker, or on the page) without changing it:
 * output frames in (their chunks for the watched session) and `terminal.ack` / `terminal.input`
 * notes out. An ack is sent when xterm's write callback ran, so acked bytes are exactly "processed
 * by xterm".
 */
import {
  SOCKET_WORKER_NAME,
  type FromSocketWorker,
  type ToSocketWorker,
} from '../../../src/renderer/bridge/socket-messages';
import { decodeOutputFrame } from '../../../src/shared/wire-codec';
import { Meter } from './meter';

const meter = new Meter();
let watched: string | null = null;
const api = meter.api();
window.__bench = api;
window.__benchWatch = (sessionId) => {
  watched = sessionId;
  // The previous session's bytes still in flight would never be acked under the new id.
  api.reset();
};

/** Feeds the meter the watched session's chunks of one output frame (the page's own decoder). */
function onFrame(buffer: ArrayBuffer): void {
  for (const chunk of decodeOutputFrame(new Uint8Array(buffer))) {
    if (chunk.sessionId === watched) meter.received(chunk.data);
  }
}

function onNote(text: string): void {
  // Cheap prefilter: most text frames are requests, not the two notes we count.
  if (!text.includes('"terminal.')) return;
  const message = JSON.parse(text) as {
    t?: string;
    name?: string;
    params?: { sessionId?: string; bytes?: number };
  };
  if (message.t !== 'note' || message.params?.sessionId !== watched) return;
  if (message.name === 'terminal.ack') meter.processed(message.params.bytes ?? 0);
  if (message.name === 'terminal.input') meter.sent();
}

class ProbedWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    if (!String(url).includes('/bridge')) return;
    this.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.data instanceof ArrayBuffer) onFrame(event.data);
    });
  }

  override send(data: Parameters<WebSocket['send']>[0]): void {
    if (typeof data === 'string') onNote(data);
    super.send(data);
  }
}

/**
 * The page's bridge socket lives in a worker (src/renderer/bridge/bridge-socket.ts): the probe
 * watches the worker's messages the same way — frames as the page receives them, notes as the
 * page hands them to the socket. The socket on the main thread (above) is the fallback's.
 */
class ProbedWorker extends Worker {
  readonly #watched: boolean;

  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    this.#watched = options?.name === SOCKET_WORKER_NAME;
    if (!this.#watched) return;
    this.addEventListener('message', (event: MessageEvent<FromSocketWorker>) => {
      if (event.data.kind === 'binary') onFrame(event.data.data);
    });
  }

  override postMessage(
    message: unknown,
    transfer?: Transferable[] | StructuredSerializeOptions,
  ): void {
    const note = message as ToSocketWorker;
    if (this.#watched && note.kind === 'send') onNote(note.data);
    // Two branches only so each call matches one of postMessage's two overloads.
    if (Array.isArray(transfer)) super.postMessage(message, transfer);
    else super.postMessage(message, transfer);
  }
}

window.WebSocket = ProbedWebSocket;
window.Worker = ProbedWorker;
