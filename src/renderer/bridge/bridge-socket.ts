/**
 * Browser mode's socket to the core, read off the main thread: a dedicated worker holds the
 * WebSocket (socket-worker.ts) and hands frames to the page as they arrive. Where a worker cannot
 * be started the page opens the socket itself (same behaviour, slower under a flood).
 */
import { SOCKET_WORKER_NAME, type FromSocketWorker, type ToSocketWorker } from './socket-messages';

/** What the bridge hears from its socket. */
export interface SocketHandlers {
  readonly open: () => void;
  readonly error: () => void;
  readonly close: () => void;
  readonly text: (data: string) => void;
  readonly binary: (data: ArrayBuffer) => void;
}

/** Sends a text frame; false when the socket is not open (nothing is sent then). */
export interface BridgeSocket {
  send(data: string): boolean;
}

export function openBridgeSocket(url: string, on: SocketHandlers): BridgeSocket {
  const worker = startWorker();
  return worker === null ? onMainThread(url, on) : inWorker(worker, url, on);
}

function startWorker(): Worker | null {
  if (typeof Worker !== 'function') return null;
  try {
    return new Worker(new URL('./socket-worker.ts', import.meta.url), {
      type: 'module',
      name: SOCKET_WORKER_NAME,
    });
  } catch {
    return null;
  }
}

function inWorker(worker: Worker, url: string, on: SocketHandlers): BridgeSocket {
  let open = false;
  const post = (message: ToSocketWorker): void => {
    worker.postMessage(message);
  };
  worker.addEventListener('message', (event: MessageEvent<FromSocketWorker>) => {
    const message = event.data;
    switch (message.kind) {
      case 'open':
        open = true;
        on.open();
        return;
      case 'error':
        on.error();
        return;
      case 'close':
        open = false;
        on.close();
        return;
      case 'text':
        on.text(message.data);
        return;
      case 'binary':
        on.binary(message.data);
        return;
    }
  });
  // A worker that fails to load never opens its socket: report it like an unreachable core.
  worker.addEventListener('error', () => {
    on.error();
  });
  post({ kind: 'connect', url });
  return {
    send: (data) => {
      if (!open) return false;
      post({ kind: 'send', data });
      return true;
    },
  };
}

function onMainThread(url: string, on: SocketHandlers): BridgeSocket {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('open', on.open);
  socket.addEventListener('error', on.error);
  socket.addEventListener('close', on.close);
  socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
    if (typeof event.data === 'string') on.text(event.data);
    else on.binary(event.data);
  });
  return {
    send: (data) => {
      if (socket.readyState !== WebSocket.OPEN) return false;
      socket.send(data);
      return true;
    },
  };
}
