import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DoubleContext } from '../core/context';
import { LinkFaults } from '../faults/link-faults';
import { header, requestTarget } from '../http/request';
import { redirectBody, writeRawResponse } from '../http/respond';
import type { RunnerTerminal } from '../runner/runner-terminal';
import { notFoundPage } from '../web/html';
import { authorizeTerminal, sameChannel } from './authorize';
import { framingFor, selectSubprotocol } from './framing';
import { isWebSocketUpgrade, matchTerminalRoute, originAllowed, stripRoot } from './route';
import { TerminalProxy } from './terminal-proxy';

const TEXT = {
  'Content-Type': 'text/plain; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
} as const;
const HTML = { 'Content-Type': 'text/html; charset=utf-8' } as const;
/** RFC 6455 key: 16 random bytes in base64. */
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

/**
 * Workhorse's `channel.Handler` for `terminal.ws`: route match, pre-authorisation with Rails,
 * dial to the runner, then gorilla's upgrade (Origin check only at this point), then the proxy.
 */
export class Workhorse {
  readonly #ctx: DoubleContext;
  readonly #wss: WebSocketServer;
  readonly #proxies = new Set<TerminalProxy>();
  /** Sockets still in the handshake, with the runner terminal once dialled. */
  readonly #pending = new Map<Duplex, RunnerTerminal | null>();
  /** Quality F1/F12 faults of the client's TCP connection (faults/link-faults.ts). */
  readonly links = new LinkFaults();
  #closed = false;

  constructor(ctx: DoubleContext) {
    this.#ctx = ctx;
    this.#wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      // gorilla: no read limit, no UTF-8 check on text frames, and a ping handler we control.
      maxPayload: 0,
      skipUTF8Validation: true,
      autoPong: false,
      handleProtocols: (offered) => selectSubprotocol(offered),
    });
    // Bad Sec-WebSocket-* headers: answer ourselves so a dialled runner terminal is released.
    this.#wss.on('wsClientError', (_error, socket, req) => {
      this.#refuse(socket, requestTarget(req).pathname, 400, TEXT, 'Bad Request\n');
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {
      // A client that resets mid-handshake is not the double's problem.
    });
    this.links.admit(socket);
    if (this.#closed) {
      socket.destroy();
      return;
    }
    this.#upgrade(req, socket, head).catch(() => {
      this.#pending.get(socket)?.end('client-gone', 'hangup');
      this.#pending.delete(socket);
      socket.destroy();
    });
  }

  halfOpen(): void {
    for (const proxy of this.#proxies) proxy.halfOpen();
  }

  closeAll(): void {
    this.#closed = true;
    for (const proxy of [...this.#proxies]) proxy.end('double-closed');
    for (const [socket, terminal] of this.#pending) {
      terminal?.end('double-closed', 'hangup');
      socket.destroy();
    }
    this.#pending.clear();
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { config, settings, sessionServer } = this.#ctx;
    const path = requestTarget(req).pathname;
    const local = stripRoot(path, config.root);
    if (local === null) {
      this.#refuse(socket, path, 404, TEXT, 'Not Found\n');
      return;
    }
    const route = matchTerminalRoute(local);
    if (
      route === null ||
      req.method !== 'GET' ||
      !isWebSocketUpgrade(header(req.headers, 'connection'), header(req.headers, 'upgrade'))
    ) {
      // Every other Workhorse route is wrapped in denyWebsocket.
      this.#refuse(socket, path, 400, TEXT, 'websocket upgrade not allowed\n');
      return;
    }
    this.#pending.set(socket, null);
    const abort = new AbortController();
    socket.once('close', () => {
      abort.abort();
    });
    const cookie = header(req.headers, 'cookie');
    const auth = authorizeTerminal(this.#ctx, route.projectPath, route.jobId, cookie);
    switch (auth.kind) {
      case 'redirect':
        this.#refuse(
          socket,
          path,
          302,
          { ...HTML, Location: auth.location },
          redirectBody(auth.location),
        );
        return;
      case 'not-found':
        this.#refuse(socket, path, 404, HTML, notFoundPage());
        return;
      case 'channel':
        break;
    }
    if (settings.handshakeDelayMs > 0) {
      this.#ctx.events.emit('handshake-delayed', { path, ms: settings.handshakeDelayMs });
      await delay(settings.handshakeDelayMs, undefined, { signal: abort.signal });
    }
    const dial = await sessionServer.dial(auth.channel, abort.signal);
    if (dial.kind === 'failed' && dial.failure === 'aborted') {
      // The client (or the double's shutdown) went away while the runner waited: no answer.
      this.#pending.delete(socket);
      socket.destroy();
      return;
    }
    if (dial.kind === 'failed') {
      // fail.Request's default: the runner's own status never reaches the client.
      this.#refuse(socket, path, 500, TEXT, 'Internal Server Error\n');
      return;
    }
    const terminal = dial.terminal;
    this.#pending.set(socket, terminal);
    if (socket.destroyed) {
      this.#pending.delete(socket);
      terminal.end('client-gone', 'hangup');
      return;
    }
    // gorilla's Upgrade checks, in its order, after the runner was dialled.
    if (header(req.headers, 'sec-websocket-version') !== '13') {
      this.#refuse(socket, path, 400, { ...TEXT, 'Sec-Websocket-Version': '13' }, 'Bad Request\n');
      return;
    }
    if (!originAllowed(header(req.headers, 'origin'), header(req.headers, 'host'))) {
      this.#refuse(socket, path, 403, TEXT, 'Forbidden\n');
      return;
    }
    if (!WEBSOCKET_KEY.test(header(req.headers, 'sec-websocket-key') ?? '')) {
      this.#refuse(socket, path, 400, TEXT, 'Bad Request\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#pending.delete(socket);
      this.links.track(socket);
      this.#open(ws, terminal, path, () => {
        const again = authorizeTerminal(this.#ctx, route.projectPath, route.jobId, cookie);
        return again.kind === 'channel' && sameChannel(again.channel, auth.channel);
      });
    });
  }

  #open(ws: WebSocket, terminal: RunnerTerminal, path: string, reauthorize: () => boolean): void {
    const { counters, events, config, settings } = this.#ctx;
    counters.handshake(101);
    counters.terminalConnected();
    events.emit('handshake', { path, status: 101 });
    const proxy = new TerminalProxy(ws, terminal, framingFor(ws.protocol), {
      events,
      counters,
      utf8Split: () => settings.utf8Split,
      pingIntervalMs: config.pingIntervalMs,
      reauthIntervalMs: config.reauthIntervalMs,
      reauthorize,
    });
    this.#proxies.add(proxy);
    proxy.onEnd(() => this.#proxies.delete(proxy));
    proxy.start();
    events.emit('terminal-connected', { jobId: terminal.jobId });
  }

  /** A refused handshake: plain HTTP, no upgrade; a dialled runner terminal is let go. */
  #refuse(
    socket: Duplex,
    path: string,
    status: number,
    headers: Readonly<Record<string, string>>,
    body: string,
  ): void {
    const terminal = this.#pending.get(socket);
    this.#pending.delete(socket);
    // The runner saw a terminal connect and go away (e.g. after a 403 Origin).
    terminal?.end('client-gone', 'hangup');
    writeRawResponse(socket, status, headers, body);
    this.#ctx.counters.handshake(status);
    this.#ctx.events.emit('handshake', { path, status });
  }
}
