/**
 * Everything that can go wrong below HTTP, as one typed error with a sentence for the user.
 * Callers switch on `kind`; the message is shown as is.
 */

export type NetworkErrorKind =
  | 'timeout'
  | 'refused'
  | 'dns'
  | 'tls-untrusted'
  | 'tls-expired'
  | 'tls-hostname'
  | 'tls-fingerprint-changed'
  | 'proxy'
  | 'other';

/** A failed exchange before any HTTP answer arrived (or while reading it). */
export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkErrorKind,
    message: string,
    /** The Node error code behind it (e.g. ECONNREFUSED), for logs and tests. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** True for the kinds the trust-on-first-use or CA settings can fix. */
export function isTlsKind(kind: NetworkErrorKind): boolean {
  return (
    kind === 'tls-untrusted' ||
    kind === 'tls-expired' ||
    kind === 'tls-hostname' ||
    kind === 'tls-fingerprint-changed'
  );
}
