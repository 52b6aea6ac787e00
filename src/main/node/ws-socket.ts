/**
 * The production terminal socket: `ws` with no compression, no redirects and the account's
 * TLS/proxy trust policy, behind the core's SocketFactory interface (core/terminal/socket.ts).
 */
import { WebSocket, type RawData } from 'ws';
import type { IncomingMessage } from 'node:http';
import { credentialRefusal } from '../core/net/credential-scope';
import { toNetworkError } from '../core/net/error-mapping';
import type { SocketFactory } from '../core/terminal/socket';
import { proxyHostOf } from './net/trust-policy';
import { tlsSocketOptions } from './net/socket-options';

/** The only subprotocol offered: raw bytes in binary frames (docs/gitlab-terminal-protocol.md §3.1, §8.2). */
export const TERMINAL_SUBPROTOCOL = 'terminal.gitlab.com';
/**
 * Largest frame accepted from the server. The runner never sends more than 32 KiB at once
 * (its read buffer); 4 MiB leaves room for proxies that merge frames while keeping a hostile
 * server from making ws buffer its 100 MiB default.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** The production factory: `ws` with no compression, no redirects and the account's TLS/proxy. */
export const createWsSocket: SocketFactory = (request, onEvent) => {
  const refusal = credentialRefusal(request.credentialScope, request.url, request.headers);
  if (refusal !== null) throw new Error(refusal);
  const host = new URL(request.url).host;
  const context = { host, proxyHost: proxyHostOf(request.network) };
  const ws = new WebSocket(request.url, [TERMINAL_SUBPROTOCOL], {
    ...tlsSocketOptions(request.network, request.url),
    headers: { ...request.headers },
    perMessageDeflate: false,
    followRedirects: false,
    maxPayload: MAX_FRAME_BYTES,
    // Text frames are lenient input on Workhorse's side and bytes on ours: never reject output
    // for invalid UTF-8 (quality F10); nothing here decodes it.
    skipUTF8Validation: true,
    // The session runs its own handshake timer on the injected clock (≥ 75 s, docs/gitlab-terminal-protocol.md §3.5).
  });
  let rejected = false;
  ws.binaryType = 'nodebuffer';
  ws.on('open', () => {
    onEvent({ kind: 'open', protocol: ws.protocol });
  });
  ws.on('message', (data: RawData) => {
    onEvent({ kind: 'data', data: toBytes(data) });
  });
  ws.on('ping', () => {
    onEvent({ kind: 'alive' });
  });
  ws.on('pong', () => {
    onEvent({ kind: 'alive' });
  });
  ws.on('unexpected-response', (_req, res: IncomingMessage) => {
    rejected = true;
    const location = res.headers.location ?? null;
    onEvent({ kind: 'rejected', status: res.statusCode ?? 0, location });
    // Drain nothing: the body (Workhorse passes Rails' answer through) is not needed.
    ws.terminate();
  });
  ws.on('error', (error: Error) => {
    // After a rejection ws reports its own abort as an error: the rejection already said it all.
    if (rejected) return;
    const code = (error as { code?: unknown }).code;
    // ws's own protocol errors carry WS_ERR_* codes; everything else with a code is the network.
    const network =
      typeof code === 'string' && !code.startsWith('WS_ERR_')
        ? toNetworkError(error, context)
        : null;
    onEvent({ kind: 'failed', error: network, detail: error.message });
  });
  ws.on('close', (code: number) => {
    onEvent({ kind: 'closed', code });
  });
  return {
    send: (data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary: true });
    },
    ping: () => {
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    },
    pause: () => {
      ws.pause();
    },
    resume: () => {
      ws.resume();
    },
    close: (code) => {
      ws.close(code);
    },
    terminate: () => {
      ws.terminate();
    },
  };
};

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
