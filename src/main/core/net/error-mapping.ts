/** Turns Node's socket and TLS errors into a NetworkError whose message a user can act on. */
import { NetworkError } from './network-error';

/** Where the failing connection was going, for the message. */
export interface ErrorContext {
  /** host[:port] of the GitLab server. */
  readonly host: string;
  /** host[:port] of the proxy, when the connection went through one. */
  readonly proxyHost: string | null;
}

/** OpenSSL verification codes that mean "no trusted chain to this certificate". */
const UNTRUSTED_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
]);

const EXPIRED_CODES: ReadonlySet<string> = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Socket-level failures that, behind a proxy, concern the proxy and not GitLab. */
const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

/** Maps anything a request threw to a NetworkError (an existing NetworkError passes through). */
export function toNetworkError(error: unknown, context: ErrorContext): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const { host, proxyHost } = context;
  if (proxyHost !== null && CONNECT_CODES.has(code)) {
    return new NetworkError(
      'proxy',
      `Could not reach the proxy ${proxyHost} (${code}). Check the proxy address in the account's network settings.`,
      code,
    );
  }
  if (UNTRUSTED_CODES.has(code)) {
    return new NetworkError(
      'tls-untrusted',
      `The certificate of ${host} is not trusted (${code}). If the server uses a private certificate authority, add its CA certificate (PEM) to the account's network settings; if it is self-signed, check and confirm its fingerprint.`,
      code,
    );
  }
  if (EXPIRED_CODES.has(code)) {
    const when = code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet';
    return new NetworkError(
      'tls-expired',
      `The certificate of ${host} ${when}. Ask the GitLab administrators to renew it, or check this computer's clock.`,
      code,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new NetworkError(
      'tls-hostname',
      `The certificate of ${host} is for a different host name (${detail}). Use the address the certificate was issued for.`,
      code,
    );
  }
  return plainSocketError(code, detail, host);
}

function plainSocketError(code: string, detail: string, host: string): NetworkError {
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(
        'refused',
        `${host} refused the connection. Check the address and port, and that GitLab is running.`,
        code,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetworkError(
        'dns',
        `The host name in ${host} could not be found. Check the address and your network connection.`,
        code,
      );
    case 'ETIMEDOUT':
      return new NetworkError('timeout', `${host} did not answer in time.`, code);
    case 'ECONNRESET':
      return new NetworkError(
        'other',
        `The connection to ${host} was closed before the answer was complete.`,
        code,
      );
    default:
      return new NetworkError('other', `Could not talk to ${host}: ${detail}`, code || null);
  }
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}
