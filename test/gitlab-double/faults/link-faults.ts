/**
 * Faults of the network between the client and Workhorse (quality F1, F12), applied to the raw
 * TCP socket of terminal connections, below the websocket layer:
 * - cut: a FIN (the server half-closes, no Close frame) or an RST (the connection is reset) on
 *   every open terminal connection, whatever is being sent at that moment;
 * - link shape: added latency before every write reaches the wire, and writes cut into segments
 *   of a few bytes (Nagle off, one segment on the wire per write), for the handshake answer and
 *   every frame after it.
 * Kept apart from the Workhorse proxy and its output path on purpose: it wraps the socket only.
 */
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export type ConnectionCut = 'fin' | 'rst';

export interface LinkShape {
  /** Added before each write reaches the socket; 0 for none. */
  readonly latency_ms: number;
  /** Largest write put on the wire at once; null to leave writes whole. */
  readonly segment_bytes: number | null;
}

export const NO_SHAPE: LinkShape = { latency_ms: 0, segment_bytes: null };

type WriteCallback = (error?: Error | null) => void;
type Write = (chunk: Uint8Array, callback?: WriteCallback) => boolean;

/** Open terminal sockets and the shape new ones get. */
export class LinkFaults {
  #shape: LinkShape = NO_SHAPE;
  readonly #open = new Set<Socket>();

  constructor(shape: LinkShape = NO_SHAPE) {
    this.#shape = shape;
  }

  get shape(): LinkShape {
    return this.#shape;
  }

  /** Applies to connections that start from now on. */
  setShape(shape: LinkShape): void {
    this.#shape = shape;
  }

  /** A terminal connection arrived: shape it before anything is written to it. */
  admit(socket: Duplex): void {
    const shape = this.#shape;
    if (!(socket instanceof Socket)) return;
    if (shape.latency_ms > 0 || shape.segment_bytes !== null) shapeSocket(socket, shape);
  }

  /** The upgrade succeeded: the connection can now be cut. */
  track(socket: Duplex): void {
    if (!(socket instanceof Socket)) return;
    const tcp = socket;
    this.#open.add(tcp);
    tcp.once('close', () => this.#open.delete(tcp));
  }

  /** Cuts every open terminal connection; returns how many. */
  cut(how: ConnectionCut): number {
    const sockets = [...this.#open];
    this.#open.clear();
    for (const socket of sockets) cutSocket(socket, how);
    return sockets.length;
  }
}

/** FIN: end our half now and drop whatever was still queued; RST: reset at once. */
export function cutSocket(socket: Socket, how: ConnectionCut): void {
  if (how === 'rst') {
    socket.resetAndDestroy();
    return;
  }
  // end() after the queued writes would let them all out first; the fault is "mid-output", so
  // the FIN goes now: half-close the descriptor, then let the peer's answer close the rest.
  socket.end();
  socket.once('finish', () => {
    socket.destroy();
  });
}

/**
 * Replaces the socket's write with a queue that waits `latency_ms` per write and then puts at
 * most `segment_bytes` on the wire at a time, the next piece only once the previous one left.
 */
export function shapeSocket(socket: Socket, shape: LinkShape): void {
  socket.setNoDelay(true);
  const write = socket.write.bind(socket) as Write;
  const queue: { bytes: Buffer; callback: WriteCallback | undefined }[] = [];
  let pumping = false;
  const pump = (): void => {
    const next = queue[0];
    if (next === undefined || socket.destroyed) {
      pumping = false;
      return;
    }
    const size = Math.max(1, shape.segment_bytes ?? next.bytes.length);
    const piece = next.bytes.subarray(0, size);
    next.bytes = next.bytes.subarray(size);
    const last = next.bytes.length === 0;
    if (last) queue.shift();
    write(piece, (error) => {
      if (last) next.callback?.(error);
      if (error) return;
      setImmediate(pump);
    });
  };
  const shaped = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const cb = (typeof encoding === 'function' ? encoding : callback) as WriteCallback | undefined;
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array);
    setTimeout(() => {
      queue.push({ bytes, callback: cb });
      if (!pumping) {
        pumping = true;
        pump();
      }
    }, shape.latency_ms);
    return true;
  };
  socket.write = shaped;
}
