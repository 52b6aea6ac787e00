/**
 * Browser mode's transport: the contract over one WebSocket to the core on 127.0.0.1, with the
 * per-run token taken from the page's URL fragment.
 */
import type { Envelope } from '../../shared/contract';
import type { RawBridge } from '../../shared/raw-bridge';
import { BRIDGE_CLOSED } from './bridge';
import { decodeOutputFrame, type ClientMessage, type ServerMessage } from '../../shared/wire-codec';

export class BridgeConnectionError extends Error {}

/** Opens the bridge socket; resolves once it is usable. */
export function connectWsBridge(location: Location): Promise<RawBridge> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token === null || token === '') {
    return Promise.reject(
      new BridgeConnectionError(
        'This page needs the address printed by `npm run web` (it carries the access token).',
      ),
    );
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(
    `${scheme}//${location.host}/bridge?token=${encodeURIComponent(token)}`,
  );
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, (result: Envelope<unknown>) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;

  socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
    if (typeof event.data !== 'string') {
      const chunks = decodeOutputFrame(new Uint8Array(event.data));
      for (const listener of listeners) listener('terminal.output', chunks);
      return;
    }
    const message = JSON.parse(event.data) as ServerMessage;
    if (message.t === 'res') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners) listener(message.name, message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({
        ok: false,
        error: { code: 'unavailable', message: 'Lost the connection to Jobshell’s core.' },
      });
    }
    pending.clear();
    for (const listener of listeners) listener(BRIDGE_CLOSED, null);
  });

  const send = (message: ClientMessage): boolean => {
    if (socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  };

  const bridge: RawBridge = {
    request: (method, params) =>
      new Promise((resolve) => {
        const id = nextId++;
        if (!send({ t: 'req', id, method, params })) {
          resolve({
            ok: false,
            error: { code: 'unavailable', message: 'Not connected to Jobshell’s core.' },
          });
          return;
        }
        pending.set(id, resolve);
      }),
    notify: (name, params) => {
      send({ t: 'note', name, params });
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => {
      resolve(bridge);
    });
    socket.addEventListener('error', () => {
      reject(
        new BridgeConnectionError(
          'Could not reach Jobshell’s core. Is `npm run web` still running?',
        ),
      );
    });
  });
}
