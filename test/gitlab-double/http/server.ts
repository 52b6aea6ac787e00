import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ADMIN_PREFIX, API_PREFIX } from '../core/constants';
import type { TlsMaterial } from './tls';
import { requestTarget } from './request';
import { sendHtml, sendJson, writeRawResponse } from './respond';

/** Where a request goes: admin (outside the root), the API, Rails' web routes, or nowhere. */
export type Destination =
  | { readonly kind: 'admin'; readonly path: string }
  | { readonly kind: 'api'; readonly path: string; readonly query: URLSearchParams }
  | { readonly kind: 'web'; readonly path: string }
  | { readonly kind: 'outside-root' };

export interface RequestHandlers {
  readonly admin: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
  readonly api: (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ) => void;
  readonly web: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
  readonly upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  readonly notFoundHtml: () => string;
}

export function route(req: IncomingMessage, root: string): Destination {
  const target = requestTarget(req);
  const path = target.pathname;
  if (path.startsWith(ADMIN_PREFIX))
    return { kind: 'admin', path: path.slice(ADMIN_PREFIX.length) };
  let local: string;
  if (root === '') local = path;
  else if (path === root) local = '/';
  else if (path.startsWith(`${root}/`)) local = path.slice(root.length);
  else return { kind: 'outside-root' };
  if (local === API_PREFIX || local.startsWith(`${API_PREFIX}/`)) {
    return { kind: 'api', path: local.slice(API_PREFIX.length), query: target.searchParams };
  }
  return { kind: 'web', path: local };
}

/**
 * Remembers every TCP connection, upgraded or not, so shutdown can end them all: a refused
 * handshake's socket or a half-open client would otherwise keep `server.close()` waiting.
 */
export function trackSockets(server: Server): () => void {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return () => {
    for (const socket of sockets) socket.destroy();
  };
}

export function createServer(tls: TlsMaterial | null): Server {
  return tls === null ? createHttpServer() : createHttpsServer({ key: tls.key, cert: tls.cert });
}

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

export function attachHandlers(server: Server, root: string, handlers: RequestHandlers): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const dispatch = async (): Promise<void> => {
      const destination = route(req, root);
      switch (destination.kind) {
        case 'admin':
          await handlers.admin(req, res, destination.path);
          return;
        case 'api':
          handlers.api(req, res, destination.path, destination.query);
          return;
        case 'web':
          await handlers.web(req, res, destination.path);
          return;
        case 'outside-root':
          sendHtml(res, 404, handlers.notFoundHtml());
          return;
      }
    };
    dispatch().catch((error: unknown) => {
      console.error('gitlab-double: request failed:', error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { message: '500 Internal Server Error' });
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (route(req, root).kind === 'admin') {
      socket.on('error', () => undefined);
      writeRawResponse(socket, 404, { 'Content-Type': 'text/plain' }, 'Not Found\n');
      return;
    }
    handlers.upgrade(req, socket, head);
  });
  // Clients that vanish mid-request must not take the double down.
  server.on('clientError', (_error, socket) => {
    socket.destroy();
  });
}
