/**
 * The server certificate as Electron's setCertificateVerifyProc would see it. Playwright cannot
 * hand Chromium's own verification to the main process, so where a session has a verify proc the
 * host lets Chromium accept any certificate and decides itself: it reads the chain with Node's
 * TLS, verifies it against Node's roots as Chromium would against the system's (the -3 "use
 * Chromium's verdict" answer), and asks the app's proc.
 */
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, connect, type DetailedPeerCertificate } from 'node:tls';
import type { VerifyRequestWire } from '../protocol';

/** net_error_list.h: the codes a verify proc sees in `errorCode`. */
const ERR_CERT_COMMON_NAME_INVALID = -200;
const ERR_CERT_DATE_INVALID = -201;
const ERR_CERT_AUTHORITY_INVALID = -202;

function pem(raw: Buffer): string {
  return new X509Certificate(raw).toString();
}

function chainOf(leaf: DetailedPeerCertificate): string[] {
  const chain: string[] = [];
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert !== undefined && chain.length < 10) {
    chain.push(pem(cert.raw));
    const issuer: DetailedPeerCertificate | undefined = cert.issuerCertificate;
    cert = issuer === cert ? undefined : issuer;
  }
  return chain;
}

function errorCodeFor(reason: string | null): { code: number; name: string } {
  if (reason === null) return { code: 0, name: 'net::OK' };
  if (reason.includes('EXPIRED') || reason.includes('NOT_YET_VALID'))
    return { code: ERR_CERT_DATE_INVALID, name: 'net::ERR_CERT_DATE_INVALID' };
  if (reason.includes('ALTNAME') || reason.includes('Hostname'))
    return { code: ERR_CERT_COMMON_NAME_INVALID, name: 'net::ERR_CERT_COMMON_NAME_INVALID' };
  return { code: ERR_CERT_AUTHORITY_INVALID, name: 'net::ERR_CERT_AUTHORITY_INVALID' };
}

/** Connects to `url`'s host and describes its certificate as a verify request. */
export function inspectCertificate(url: string): Promise<VerifyRequestWire> {
  const target = new URL(url);
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect(
      {
        host: hostname,
        port: Number(target.port || 443),
        servername: /^[\d.:]+$/.test(hostname) ? undefined : hostname,
        rejectUnauthorized: false,
      },
      () => {
        const leaf = socket.getPeerCertificate(true);
        const identity = checkServerIdentity(hostname, leaf);
        const reason = socket.authorized
          ? (identity?.message ?? null)
          : String(socket.authorizationError);
        const { code, name } = errorCodeFor(reason);
        resolve({ hostname, chain: chainOf(leaf), errorCode: code, verificationResult: name });
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}
