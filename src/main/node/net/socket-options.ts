/**
 * The same trust policy for WebSockets (`ws` package) as for API calls, and the certificate
 * inspection behind trust-on-first-use.
 */
import https from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { CertificateInfo } from '../../../shared/models';
import type { Clock, NetworkOptions } from '../../core/ports';
import { systemClock } from '../../core/ports';
import { toNetworkError } from '../../core/net/error-mapping';
import { NetworkError } from '../../core/net/network-error';
import { connectionOptions, proxyHostOf, type ConnectionOptions } from './trust-policy';

/** How long inspecting a certificate may take: one TLS handshake, possibly through a proxy. */
export const INSPECT_TIMEOUT_MS = 15_000;

/**
 * Options to spread into `new WebSocket(url, protocols, { ...tlsSocketOptions(network, url), … })`.
 * Accepts ws:, wss:, http: and https: URLs. Each call builds a fresh agent (no shared sockets).
 */
export function tlsSocketOptions(network: NetworkOptions, url: string): ConnectionOptions {
  const parsed = new URL(url);
  // The agent picks TLS from the scheme; ws/wss map onto http/https.
  if (parsed.protocol === 'wss:') parsed.protocol = 'https:';
  if (parsed.protocol === 'ws:') parsed.protocol = 'http:';
  return connectionOptions(network, parsed);
}

/** Connects to an https URL, reads the server's leaf certificate, and sends no request at all. */
export function inspectCertificate(
  url: string,
  network: NetworkOptions,
  options: { readonly clock?: Clock; readonly timeoutMs?: number } = {},
): Promise<CertificateInfo> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? INSPECT_TIMEOUT_MS;
  const target = new URL(url);
  if (target.protocol !== 'https:') {
    return Promise.reject(
      new NetworkError('other', `${target.host} does not use https, so it has no certificate.`),
    );
  }
  const context = { host: target.host, proxyHost: proxyHostOf(network) };
  return new Promise((resolve, reject) => {
    let info: CertificateInfo | null = null;
    const stop = new Error('certificate read');
    // Inspection must see untrusted certificates too, so the check only records and stops.
    const options = connectionOptions({ ...network, pinnedFingerprint: null }, target, (socket) => {
      info = describe(socket);
      return stop;
    });
    const req = https.request(target, { method: 'HEAD', ...options, rejectUnauthorized: false });
    const timer = clock.setTimeout(() => {
      req.destroy(
        new NetworkError('timeout', `${target.host} did not answer within ${timeoutMs / 1000} s.`),
      );
    }, timeoutMs);
    req.on('error', (error) => {
      clock.clearTimeout(timer);
      if (info !== null) resolve(info);
      else reject(toNetworkError(error, context));
    });
    req.on('response', (res) => {
      // Unreachable in practice (the check stops first); never leave a socket behind.
      res.destroy();
      clock.clearTimeout(timer);
      if (info !== null) resolve(info);
      else reject(new NetworkError('other', `Could not read the certificate of ${target.host}.`));
    });
    req.end();
  });
}

function describe(socket: TLSSocket): CertificateInfo {
  const cert = socket.getPeerCertificate();
  return {
    fingerprint256: cert.fingerprint256,
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    trustedBySystem: socket.authorized,
  };
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (name === undefined) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

function isoDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
