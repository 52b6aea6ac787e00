/**
 * One trust policy for every connection of an account (REST calls and terminal websockets):
 * extra CA roots, a pinned self-signed certificate, and an HTTP CONNECT proxy.
 *
 * Pinning cannot use `checkServerIdentity`: Node calls it only after the chain verified, which a
 * self-signed certificate never does. So a pinned connection turns Node's automatic rejection off
 * and an agent checks the handshake itself on `secureConnect`, which Node emits before it flushes
 * any request bytes, so a refused server never sees the cookie.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { isLocalhostSubdomain, loopbackOnlyLookup } from './loopback-lookup';
import type { NetworkOptions } from '../../core/ports';
import { NetworkError } from '../../core/net/network-error';

/** Decides, once the TLS handshake is done, whether the connection may carry the request. */
export type HandshakeCheck = (socket: tls.TLSSocket) => Error | null;

/** The request options that carry an account's trust policy to `http(s).request` or `new WebSocket`. */
export interface ConnectionOptions {
  readonly agent: http.Agent;
  /** Node's bundled roots plus the account's PEMs; absent to keep Node's defaults. */
  readonly ca?: string[];
  /** False only while a pin is set: the agent's handshake check then decides. */
  readonly rejectUnauthorized: boolean;
}

/** Builds the options for one connection to `url` under `network` (a fresh agent: no pooled sockets). */
export function connectionOptions(
  network: NetworkOptions,
  url: URL,
  check: HandshakeCheck | null = pinCheck(network, url.host),
): ConnectionOptions {
  const ca = network.ca.length > 0 ? [...tls.rootCertificates, ...network.ca] : undefined;
  const agent = createAgent(network, url, check);
  const rejectUnauthorized = check === null;
  return ca === undefined ? { agent, rejectUnauthorized } : { agent, ca, rejectUnauthorized };
}

/** The pin check for a network config, or null when nothing is pinned (plain verification). */
export function pinCheck(network: NetworkOptions, host: string): HandshakeCheck | null {
  const pinned = network.pinnedFingerprint;
  if (pinned === null) return null;
  return (socket) => {
    // A certificate that verifies normally (e.g. the instance moved to a public CA) is fine too.
    if (socket.authorized) return null;
    const actual = socket.getPeerCertificate().fingerprint256;
    if (actual === pinned) return null;
    return new NetworkError(
      'tls-fingerprint-changed',
      `The certificate of ${host} changed since you trusted it (trusted SHA-256 ${pinned}, now ${actual || 'none'}). The connection was refused; confirm the new fingerprint only if you know why it changed.`,
      'FINGERPRINT_MISMATCH',
    );
  };
}

function createAgent(network: NetworkOptions, url: URL, check: HandshakeCheck | null): http.Agent {
  const clearToLocalhost = url.protocol === 'http:' && isLocalhostSubdomain(url.hostname);
  if (clearToLocalhost && network.proxy !== null) {
    // A proxy would resolve the name itself, where nothing checks that it stays on this computer.
    throw new NetworkError(
      'other',
      `${url.host} is reached over plain http:// only directly, never through a proxy: use https://, or remove the proxy for this account.`,
      'NOT_LOOPBACK',
    );
  }
  if (network.proxy !== null) return new CheckedProxyAgent(network.proxy, check);
  if (url.protocol === 'https:') return new CheckedHttpsAgent(check);
  // *.localhost counts as this computer only while it resolves to loopback (loopback-lookup.ts).
  return clearToLocalhost
    ? new http.Agent({ keepAlive: false, lookup: loopbackOnlyLookup() })
    : new http.Agent({ keepAlive: false });
}

function enforce(socket: tls.TLSSocket, check: HandshakeCheck): void {
  socket.once('secureConnect', () => {
    const problem = check(socket);
    if (problem !== null) socket.destroy(problem);
  });
}

/** A direct HTTPS agent that runs the handshake check on every socket it creates. */
class CheckedHttpsAgent extends https.Agent {
  constructor(private readonly check: HandshakeCheck | null) {
    super({ keepAlive: false });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (this.check !== null && socket instanceof tls.TLSSocket) enforce(socket, this.check);
    return socket;
  }
}

/** Tunnels through an HTTP CONNECT proxy, then runs the same handshake check on the TLS socket. */
class CheckedProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    private readonly check: HandshakeCheck | null,
  ) {
    super(proxy, { keepAlive: false });
  }

  override async connect(
    req: http.ClientRequest,
    opts: Parameters<HttpsProxyAgent<string>['connect']>[1],
  ): ReturnType<HttpsProxyAgent<string>['connect']> {
    const socket = await super.connect(req, opts);
    // The TLS handshake needs network round trips, so it cannot have finished by now.
    if (this.check !== null && socket instanceof tls.TLSSocket) enforce(socket, this.check);
    return socket;
  }
}

/** host[:port] of a proxy URL, for messages; null when there is none. */
export function proxyHostOf(network: NetworkOptions): string | null {
  if (network.proxy === null) return null;
  try {
    return new URL(network.proxy).host;
  } catch {
    return network.proxy;
  }
}
