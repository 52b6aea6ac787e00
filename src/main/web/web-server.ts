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
import { RENDERER_CSP } from './csp';

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

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Starts the browser-mode server on 127.0.0.1. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(TOKEN_BYTES).toString('base64url');
  const server = createServer((req, res) => {
    void serveStatic(options.rendererDir, req, res);
  });
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
    const refusal = checkUpgrade(req, origin, token);
    if (refusal !== null) {
      options.logger.log('warn', 'browser-mode bridge refused', {
        status: refusal.status,
        why: refusal.why,
      });
      socket.end(
        `HTTP/1.1 ${refusal.status} ${refusal.why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        handleClientFrame(options, ws, bufferText(data));
      });
    });
  });

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

/** Decides whether an upgrade to the bridge may proceed; null means yes. */
export function checkUpgrade(
  req: Pick<IncomingMessage, 'url' | 'headers'>,
  origin: string,
  token: string,
): { status: number; why: string } | null {
  const url = new URL(req.url ?? '/', origin);
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

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep) || req.method !== 'GET') {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': RENDERER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
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
