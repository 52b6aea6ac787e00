import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { WebSocket, type RawData } from 'ws';
import type { GitlabDouble } from '../core/double-api';
import type { AdminJobView } from '../core/types';

/** Generous, but far below the suite's 30 s per test: an event that does not come fails fast. */
export const WAIT_MS = 10_000;

export interface Frame {
  readonly data: Buffer;
  readonly binary: boolean;
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A `ws` client that records frames and lets a test wait for output or the close. */
export class TerminalClient {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  readonly closed: Promise<CloseInfo>;
  /** Output chunks; joined lazily so floods do not cost O(n²). */
  #chunks: Buffer[] = [];
  #joined: Buffer | null = Buffer.alloc(0);
  readonly #waiters = new Set<() => void>();

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (raw: RawData, binary: boolean) => {
      const data = toBuffer(raw);
      this.frames.push({ data, binary });
      // The protocol is known only once the handshake is done.
      const base64 = ws.protocol === 'base64.terminal.gitlab.com';
      const bytes = base64 ? Buffer.from(data.toString('latin1'), 'base64') : data;
      this.#chunks.push(bytes);
      this.#joined = null;
      for (const wake of [...this.#waiters]) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of [...this.#waiters]) wake();
      });
    });
    ws.on('error', () => {
      // 'close' follows; tests look at the close code.
    });
  }

  output(): Buffer {
    if (this.#joined === null) {
      this.#joined = Buffer.concat(this.#chunks);
      this.#chunks = [this.#joined];
    }
    return this.#joined;
  }

  text(): string {
    return this.output().toString('utf8');
  }

  send(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Resolves once the output (from `since` on) contains `needle`. */
  waitForOutput(needle: string | Buffer, since = 0, timeoutMs = WAIT_MS): Promise<void> {
    const found = (): boolean => this.output().indexOf(needle, since) >= 0;
    if (found()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(
            `no output ${JSON.stringify(String(needle))} in ${JSON.stringify(this.text())}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        if (!found()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }
}

export interface ConnectOptions {
  readonly cookie?: string;
  readonly protocols?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly autoPong?: boolean;
  readonly ca?: string;
}

/** A failed handshake, with what the server answered. */
export class HandshakeError extends Error {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;

  constructor(status: number, headers: IncomingHttpHeaders) {
    super(`handshake failed with ${status}`);
    this.status = status;
    this.headers = headers;
  }
}

export function connectTerminal(
  url: string,
  options: ConnectOptions = {},
): Promise<TerminalClient> {
  const ws = new WebSocket(url, [...(options.protocols ?? ['terminal.gitlab.com'])], {
    headers: {
      ...(options.cookie === undefined ? {} : { Cookie: options.cookie }),
      ...options.headers,
    },
    autoPong: options.autoPong ?? true,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  const client = new TerminalClient(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      resolve(client);
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      reject(new HandshakeError(res.statusCode ?? 0, res.headers));
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A websocket handshake written by hand, so tests see exactly what the server answered (also a
 * 101 without a protocol, which `ws` would refuse). A 101's socket is closed at once.
 */
export function rawHandshake(
  url: string,
  headers: Readonly<Record<string, string>> = {},
  method = 'GET',
): Promise<RawAnswer> {
  const target = new URL(url.replace(/^ws/, 'http'));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method,
      rejectUnauthorized: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (res: IncomingMessage, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export function jobView(double: GitlabDouble, jobId: number): AdminJobView {
  const view = double.jobsAdmin().find((j) => j.id === jobId);
  if (view === undefined) throw new Error(`no job ${jobId}`);
  return view;
}

export function terminalUrl(double: GitlabDouble, jobId: number): string {
  return `${jobView(double, jobId).web_url.replace(/^http/, 'ws')}/terminal.ws`;
}

/** The double's own tests call the seeded-user lookup `user`. */
export { seedUser as user } from '../core/seed-user';

/** The first seeded job with this name (see state/seed.ts). */
export function seededJob(double: GitlabDouble, name: string): number {
  const job = double.info.jobs.find((j) => j.name === name);
  if (job === undefined) throw new Error(`no seeded job ${name}`);
  return job.id;
}

/** An API call; `auth` is a token (PRIVATE-TOKEN) or a cookie. */
export async function api(
  double: GitlabDouble,
  path: string,
  auth: { token?: string; cookie?: string; bearer?: string } = {},
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${double.url}/api/v4${path}`, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      ...(auth.token === undefined ? {} : { 'PRIVATE-TOKEN': auth.token }),
      ...(auth.bearer === undefined ? {} : { Authorization: `Bearer ${auth.bearer}` }),
      ...(auth.cookie === undefined ? {} : { Cookie: auth.cookie }),
      ...init.headers,
    },
  });
}
