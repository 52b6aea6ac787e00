import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** Admin and form bodies are tiny; anything bigger is a mistake, not a test. */
const MAX_BODY_BYTES = 1024 * 1024;

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function parseCookies(cookieHeader: string | undefined): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The request path (still percent-encoded) and its query. */
export function requestTarget(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://double.invalid');
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** A JSON object body, or an empty object for an empty body; throws on anything else. */
export async function readJsonObject(
  req: IncomingMessage,
): Promise<Readonly<Record<string, unknown>>> {
  const body = (await readBody(req)).toString('utf8').trim();
  if (body === '') return {};
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('expected a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString('utf8'));
}

/** The scheme://host the client used, for absolute redirects as Rails builds them. */
export function requestOrigin(req: IncomingMessage, tls: boolean): string {
  return `${tls ? 'https' : 'http'}://${header(req.headers, 'host') ?? '127.0.0.1'}`;
}

/** decodeURIComponent that maps malformed escapes to a path nothing matches. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '\u0000';
  }
}
