/**
 * Browser mode: serves the renderer bundle and carries the contract over one loopback WebSocket.
 * It is how the real renderer runs in a real Chromium against the real core where no Electron
 * binary exists (tests, benchmarks, screenshots, UI work).
 *
 * Only 127.0.0.1; the bridge socket needs the per-run token, our own Origin and our own Host
 * (the last two stop other web pages and DNS rebinding from driving the core).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  dispatchNotification,
  dispatchRequest,
  type CoreEndpoint,
  type EventName,
  type EventPayload,
} from '../../shared/contract';
import type { OutputChunk } from '../../shared/models';
import { encodeOutputFrame, parseClientMessage, type ServerMessage } from '../../shared/wire-codec';
import type { Logger } from '../core';
import { RENDERER_CONTENT_TYPES as CONTENT_TYPES } from '../../shared/renderer-content-types';
import { RENDERER_CSP } from '../../shared/renderer-csp';

export interface WebServerOptions {
  readonly core: CoreEndpoint;
  /** Folder of the built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly logger: Logger;
  /** Fixed token for tests; random otherwise. */
  readonly token?: string;
}

export interface WebServer {
  /** The URL to open, token in the fragment so it never reaches a server log or Referer. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const TOKEN_BYTES = 24;
/** Generous for a pasted cookies.txt or CA bundle, small enough that one frame cannot hog memory. */
const MAX_CLIENT_FRAME = 4 * 1024 * 1024;

/** Starts the browser-mode server on 127.0.0.1. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(TOKEN_BYTES).toString('base64url');
  const server = createStaticServer(options);
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME,
    perMessageDeflate: false,
  });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // A client that resets mid-handshake must not become an unhandled 'error' event.
    socket.on('error', () => undefined);
    try {
      acceptUpgrade(req, socket, head);
    } catch (error) {
      // Nothing a request carries may take the process (and every terminal) down.
      options.logger.log('warn', 'browser-mode bridge: upgrade failed', { error: String(error) });
      refuse(socket, { status: 400, why: 'Bad Request' });
    }
  });

  const acceptUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer): void => {
    const refusal = checkUpgrade(req, origin, token);
    if (refusal !== null) {
      options.logger.log('warn', 'browser-mode bridge refused', {
        status: refusal.status,
        why: refusal.why,
      });
      refuse(socket, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      // A malformed frame makes ws close the socket and report it here; it must not throw.
      ws.on('error', (error) => {
        options.logger.log('warn', 'browser-mode bridge: bad frame', { error: error.message });
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        try {
          handleClientFrame(options, ws, bufferText(data));
        } catch (error) {
          options.logger.log('warn', 'browser-mode bridge: frame failed', { error: String(error) });
        }
      });
    });
  };

  const unsubscribe = options.core.subscribe(
    <E extends EventName>(name: E, payload: EventPayload<E>) => {
      const frame =
        name === 'terminal.output'
          ? encodeOutputFrame(payload as readonly OutputChunk[])
          : JSON.stringify({ t: 'evt', name, payload } satisfies ServerMessage);
      for (const client of clients) client.send(frame);
    },
  );

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      unsubscribe();
      for (const client of clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The HTTP side: the built renderer's files, and a plain "no" to anything else a client tries. */
function createStaticServer(options: WebServerOptions): Server {
  const server = createServer((req, res) => {
    serveStatic(options.rendererDir, req, res).catch((error: unknown) => {
      options.logger.log('warn', 'browser-mode request failed', { error: String(error) });
      answer(res, 400);
    });
  });
  // Unparsable requests (bad request line, header overflow): Node answers 400 itself unless a
  // listener exists; this one also survives a socket that is already gone.
  // CONNECT asks for a tunnel: Node would drop the socket without a word; say no instead.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    refuse(socket, { status: 400, why: 'Bad Request' });
  });
  server.on('clientError', (_error: Error, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

function handleClientFrame(options: WebServerOptions, ws: WebSocket, text: string): void {
  const message = parseClientMessage(text);
  if (message === null) {
    options.logger.log('warn', 'browser-mode bridge: unreadable frame dropped');
    return;
  }
  if (message.t === 'note') {
    const error = dispatchNotification(options.core, message.name, message.params);
    if (error !== null)
      options.logger.log('warn', 'browser-mode bridge: notification refused', { error });
    return;
  }
  void dispatchRequest(options.core, message.method, message.params, (error, method) => {
    options.logger.log('error', 'request failed', { method, error: String(error) });
  }).then((result) => {
    ws.send(JSON.stringify({ t: 'res', id: message.id, result } satisfies ServerMessage));
  });
}

/** Decides whether an upgrade to the bridge may proceed; null means yes. Never throws. */
export function checkUpgrade(
  req: Pick<IncomingMessage, 'url' | 'headers'>,
  origin: string,
  token: string,
): { status: number; why: string } | null {
  const url = parseTarget(req.url, origin);
  if (url === null) return { status: 400, why: 'Bad Request' };
  if (url.pathname !== '/bridge') return { status: 404, why: 'Not Found' };
  if (req.headers.host !== new URL(origin).host) return { status: 403, why: 'Forbidden' };
  if (req.headers.origin !== origin) return { status: 403, why: 'Forbidden' };
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 401, why: 'Unauthorized' };
  }
  return null;
}

/** The request target as a URL on our origin; null when it is not a plain path ("http://[", "//x"). */
function parseTarget(target: string | undefined, origin: string): URL | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, origin);
  } catch {
    return null;
  }
}

function refuse(socket: Duplex, refusal: { status: number; why: string }): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Length': '0', Connection: 'close' }).end();
}

/** The file under `root` a GET asks for, or the status that refuses it. */
function staticFile(root: string, req: IncomingMessage): string | number {
  if (req.method !== 'GET' && req.method !== 'HEAD') return 404;
  const url = parseTarget(req.url, 'http://x');
  if (url === null) return 400;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return 400;
  }
  if (pathname.includes('\0')) return 400;
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  return file.startsWith(normalize(root) + sep) ? file : 404;
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = staticFile(root, req);
  if (typeof file === 'number') {
    answer(res, file);
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    answer(res, 404);
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function bufferText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
