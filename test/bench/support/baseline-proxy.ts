/**
 * The baseline page's origin: a tiny loopback server that serves the baseline page and relays
 * its `…/terminal.ws` WebSocket to the GitLab double's Workhorse byte for byte.
 *
 * Why a relay: on gitlab.com the terminal page and `terminal.ws` share one origin, so the browser
 * attaches the `_gitlab_session` cookie itself and sends an `Origin` equal to `Host`. A page served
 * from another loopback port can do neither (no page may set `Cookie` on a WebSocket, and the
 * double, like Workhorse, answers 403 to a foreign Origin). The relay stands in for that
 * same-origin browser behaviour: it rewrites only the upgrade request's headers (Host, Cookie, no
 * Origin) and then pipes raw TCP both ways, without parsing a single WebSocket frame. Its cost is
 * one extra loopback hop; the Jobshell path has its own hop (the core) in the same place.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, Socket, type AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { wallNow } from './wall-clock';

export interface BaselineProxyOptions {
  /** The double's base URL (http://127.0.0.1:PORT[/root]). */
  readonly upstream: string;
  /** The `Cookie` header value of a signed-in session (the browser would have it). */
  readonly cookie: string;
  /** Folder of the built pages (reports/bench-pages). */
  readonly pagesDir: string;
  /** Extra files by URL path, e.g. '/flood.bin' → a generated file. */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * Stamps of what crosses the relay once a socket is upgraded: the relay sits where the core's
 * socket sits on the Jobshell path (the hop next to Workhorse), so P3 measures both there.
 */
export interface RelayListener {
  /** Bytes from the page reached the relay (they left the browser's socket). */
  sent?(bytes: number, at: number): void;
  /** Bytes from Workhorse reached the relay (on their way to the browser's socket). */
  received?(bytes: number, at: number): void;
}

export interface BaselineProxy {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  listen(listener: RelayListener): () => void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.bin': 'application/octet-stream',
};
/** Request headers the relay replaces: what a same-origin browser would have sent. */
const REPLACED_HEADERS = new Set(['host', 'cookie', 'origin']);

/** Starts the relay on 127.0.0.1 (random port). */
export async function startBaselineProxy(options: BaselineProxyOptions): Promise<BaselineProxy> {
  const upstream = new URL(options.upstream);
  const sockets = new Set<Socket | Duplex>();
  const listeners = new Set<RelayListener>();
  const server = createServer((req, res) => {
    void serveFile(options, req).then(
      ({ status, type, body }) => {
        res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
      },
      () => res.writeHead(500).end(),
    );
  });
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    relayUpgrade(req, client, head, upstream, options.cookie, sockets, listeners);
  });
  await listen(server);
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    listen: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function relayUpgrade(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  upstream: URL,
  cookie: string,
  sockets: Set<Socket | Duplex>,
  listeners: ReadonlySet<RelayListener>,
): void {
  const target = connect(Number(upstream.port), upstream.hostname);
  // Keystrokes are single small segments: never let Nagle hold them back on either side.
  target.setNoDelay(true);
  if (client instanceof Socket) client.setNoDelay(true);
  sockets.add(target);
  sockets.add(client);
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`, `Host: ${upstream.host}`];
  lines.push(`Cookie: ${cookie}`);
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    if (!REPLACED_HEADERS.has(name.toLowerCase()))
      lines.push(`${name}: ${req.rawHeaders[i + 1] ?? ''}`);
  }
  target.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length > 0) target.write(head);
  target.pipe(client);
  client.pipe(target);
  // Extra 'data' listeners only observe: pipe() still moves every byte, in order, at once.
  target.on('data', (chunk: Buffer) => {
    const at = wallNow();
    for (const listener of listeners) listener.received?.(chunk.length, at);
  });
  client.on('data', (chunk: Buffer) => {
    const at = wallNow();
    for (const listener of listeners) listener.sent?.(chunk.length, at);
  });
  const end = (): void => {
    sockets.delete(target);
    sockets.delete(client);
    target.destroy();
    client.destroy();
  };
  target.on('error', end);
  client.on('error', end);
  target.on('close', end);
  client.on('close', end);
}

async function serveFile(
  options: BaselineProxyOptions,
  req: IncomingMessage,
): Promise<{ status: number; type: string; body: Buffer | string }> {
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const extra = options.files?.[pathname];
  const file = extra ?? normalize(join(options.pagesDir, pathname.slice(1)));
  if (extra === undefined && !file.startsWith(normalize(options.pagesDir) + sep)) {
    return { status: 404, type: 'text/plain', body: 'not found' };
  }
  try {
    const body = await readFile(file);
    return { status: 200, type: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body };
  } catch {
    return { status: 404, type: 'text/plain', body: 'not found' };
  }
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
