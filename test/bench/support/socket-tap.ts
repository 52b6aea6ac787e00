/**
 * Wraps the core's terminal socket factory (an injected port) to timestamp what crosses the core's
 * own socket: bytes it sends (keystrokes leaving the core) and bytes it receives (frames from
 * Workhorse). Nothing is changed or delayed; listeners run after the core handled the event.
 */
import type { SocketFactory } from '../../../src/main/core/terminal/socket';
import { createWsSocket } from '../../../src/main/node/ws-socket';
import { wallNow } from './wall-clock';

export interface SocketTapListener {
  /** The core handed `bytes` to its terminal socket (after the core's own handling). */
  sent?(url: string, bytes: number, at: number): void;
  /** A data frame arrived at the core's socket; called after the core has taken it. */
  received?(url: string, data: Uint8Array, at: number): void;
}

export interface SocketTap {
  readonly factory: SocketFactory;
  listen(listener: SocketTapListener): () => void;
}

/** A tap over the production socket factory. */
export function createSocketTap(inner: SocketFactory = createWsSocket): SocketTap {
  const listeners = new Set<SocketTapListener>();
  const factory: SocketFactory = (request, onEvent) => {
    const socket = inner(request, (event) => {
      const at = wallNow();
      onEvent(event);
      if (event.kind !== 'data') return;
      for (const listener of listeners) listener.received?.(request.url, event.data, at);
    });
    return {
      ...socket,
      send: (data) => {
        socket.send(data);
        const at = wallNow();
        for (const listener of listeners) listener.sent?.(request.url, data.byteLength, at);
      },
    };
  };
  return {
    factory,
    listen: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
