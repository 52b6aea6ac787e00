/**
 * Browser mode's transport: the contract over one WebSocket to the core on 127.0.0.1, with the
 * per-run token taken from the page's URL fragment. The socket itself is read off the main
 * thread (bridge-socket.ts).
 */
import type { Envelope } from '../../shared/contract';
import type { RawBridge } from '../../shared/raw-bridge';
import { BRIDGE_CLOSED } from './bridge';
import { openBridgeSocket } from './bridge-socket';
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
  const url = `${scheme}//${location.host}/bridge?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Envelope<unknown>) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;
  // Both are set before the socket exists: a Promise's executor runs at once.
  let opened!: () => void;
  let failed!: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    opened = resolve;
    failed = () => {
      reject(
        new BridgeConnectionError(
          'Could not reach Jobshell’s core. Is `npm run web` still running?',
        ),
      );
    };
  });

  const socket = openBridgeSocket(url, {
    open: opened,
    error: failed,
    binary: (data) => {
      const chunks = decodeOutputFrame(new Uint8Array(data));
      for (const listener of listeners) listener('terminal.output', chunks);
    },
    text: (data) => {
      const message = JSON.parse(data) as ServerMessage;
      if (message.t === 'res') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else {
        for (const listener of listeners) listener(message.name, message.payload);
      }
    },
    close: () => {
      for (const resolve of pending.values()) {
        resolve({
          ok: false,
          error: { code: 'unavailable', message: 'Lost the connection to Jobshell’s core.' },
        });
      }
      pending.clear();
      for (const listener of listeners) listener(BRIDGE_CLOSED, null);
    },
  });

  const send = (message: ClientMessage): boolean => socket.send(JSON.stringify(message));

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

  return ready.then(() => bridge);
}
