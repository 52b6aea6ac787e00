import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export type Headers = Readonly<Record<string, string>>;

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Headers = {},
): void {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(payload.length),
  });
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Headers = {},
): void {
  send(res, status, 'application/json', JSON.stringify(value), headers);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Headers = {},
): void {
  send(res, status, 'text/html; charset=utf-8', html, headers);
}

/** Go's http.Error: the message plus a newline as text/plain. */
export function sendGoError(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`, {
    'X-Content-Type-Options': 'nosniff',
  });
}

/** Rails' `redirect_to` body. */
export function redirectBody(location: string): string {
  return `<html><body>You are being <a href="${location}">redirected</a>.</body></html>`;
}

export function sendRedirect(res: ServerResponse, location: string, headers: Headers = {}): void {
  sendHtml(res, 302, redirectBody(location), { ...headers, Location: location });
}

/**
 * A plain HTTP answer on a socket that asked to upgrade (node hands those over raw). The
 * connection closes afterwards, as a refused handshake does.
 */
export function writeRawResponse(
  socket: Duplex,
  status: number,
  headers: Headers,
  body: string,
): void {
  if (socket.destroyed) return;
  const payload = Buffer.from(body, 'utf8');
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`];
  for (const [name, value] of Object.entries({
    ...headers,
    'Content-Length': String(payload.length),
    Connection: 'close',
  })) {
    lines.push(`${name}: ${value}`);
  }
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
}
