/**
 * The HttpTransport on node:http/node:https. One exchange per call: redirects are returned, never
 * followed (a redirect to another host must not carry the cookie), and every request uses the
 * account's trust policy (extra CAs, pinned certificate, proxy).
 */
import http from 'node:http';
import https from 'node:https';
import type { Clock, HttpRequest, HttpResponse, HttpTransport } from '../../core/ports';
import { systemClock } from '../../core/ports';
import { credentialRefusal } from '../../core/net/credential-scope';
import { toNetworkError, type ErrorContext } from '../../core/net/error-mapping';
import { NetworkError } from '../../core/net/network-error';
import { connectionOptions, proxyHostOf } from './trust-policy';

/**
 * Largest answer body kept in memory. Job logs are the biggest answers (GitLab's default log
 * limit is 100 MiB, but logs that big are rare); 64 MiB bounds memory while fitting real logs.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface NodeHttpTransportOptions {
  readonly clock?: Clock;
  readonly maxResponseBytes?: number;
}

/** Creates the production HttpTransport. */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): HttpTransport {
  const clock = options.clock ?? systemClock;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  return (request) => send(request, clock, maxBytes);
}

function send(request: HttpRequest, clock: Clock, maxBytes: number): Promise<HttpResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.reject(new NetworkError('other', `Not a valid address: ${request.url}`));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return Promise.reject(
      new NetworkError('other', `Only http and https addresses are supported.`),
    );
  }
  const refusal = credentialRefusal(request.credentialScope, url.href, request.headers);
  if (refusal !== null) return Promise.reject(new NetworkError('other', refusal, 'OUT_OF_SCOPE'));
  const context: ErrorContext = { host: url.host, proxyHost: proxyHostOf(request.network) };
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      action();
    };
    const fail = (error: unknown): void => {
      settle(() => {
        reject(toNetworkError(error, context));
      });
    };
    let proxyStatus: number | null = null;

    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: request.method,
        headers: { ...request.headers },
        ...connectionOptions(request.network, url),
      },
      (res) => {
        if (proxyStatus !== null) {
          res.destroy();
          fail(proxyRefused(context, proxyStatus));
          return;
        }
        readBody(res, maxBytes, context).then((body) => {
          settle(() => {
            resolve(toResponse(res, body));
          });
        }, fail);
      },
    );
    // https-proxy-agent replays a refused CONNECT's answer as if GitLab had sent it: catch it here.
    req.on('proxyConnect', (connect: { statusCode?: number }) => {
      if (connect.statusCode !== undefined && connect.statusCode !== 200) {
        proxyStatus = connect.statusCode;
      }
    });
    req.on('error', fail);
    const timer = clock.setTimeout(() => {
      const seconds = Math.round(request.timeoutMs / 100) / 10;
      req.destroy(
        new NetworkError(
          'timeout',
          `${context.host} did not answer within ${seconds} s.`,
          'TIMEOUT',
        ),
      );
    }, request.timeoutMs);
    req.end(request.body);
  });
}

function readBody(
  res: http.IncomingMessage,
  maxBytes: number,
  context: ErrorContext,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(
          new NetworkError(
            'other',
            `The answer from ${context.host} is larger than ${maxBytes} bytes; it was not read.`,
            'TOO_LARGE',
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', reject);
    // A server that closes mid-body: Node reports 'aborted' (and, since Node 16, an error).
    res.on('aborted', () => {
      reject(
        new NetworkError('other', `The answer from ${context.host} was cut short.`, 'ABORTED'),
      );
    });
  });
}

function toResponse(res: http.IncomingMessage, body: string): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(res.headersDistinct)) {
    if (name === 'set-cookie' || values === undefined) continue;
    headers[name] = values.join(', ');
  }
  return {
    status: res.statusCode ?? 0,
    headers,
    setCookies: res.headers['set-cookie'] ?? [],
    body,
  };
}

function proxyRefused(context: ErrorContext, status: number): NetworkError {
  const reason =
    status === 407
      ? 'it requires proxy authentication (407), which Jobshell does not support'
      : `it answered ${status} to the tunnel request`;
  return new NetworkError(
    'proxy',
    `The proxy ${context.proxyHost ?? ''} did not connect to ${context.host}: ${reason}.`,
    `PROXY_${status}`,
  );
}
