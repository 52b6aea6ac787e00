/** Validates per-account network settings (CA PEMs, proxy, pinned fingerprint) before they are used or saved. */
import { X509Certificate } from 'node:crypto';
import { ContractError } from '../../../../shared/contract';
import { normaliseFingerprint } from '../../net/fingerprint';
import type { NetworkOptions } from '../../ports';

const bad = (message: string): ContractError => new ContractError('bad-input', message);

/** What a request may change; undefined keeps the current value, null (or '') clears it. */
export interface NetworkInput {
  readonly caPem?: string | null;
  readonly proxy?: string | null;
  readonly trustFingerprint?: string | null;
}

/** Largest number of CA certificates per account: a whole corporate bundle fits, a pasted system store does not. */
export const MAX_CA_CERTIFICATES = 50;

/** Applies `input` to `current`, validating every field; throws a specific 'bad-input' message. */
export function applyNetworkInput(
  current: NetworkOptions,
  input: NetworkInput,
  now: number,
): NetworkOptions {
  return {
    ca: input.caPem === undefined ? current.ca : parseCaBundle(input.caPem ?? '', now),
    proxy: input.proxy === undefined ? current.proxy : parseProxy(input.proxy ?? ''),
    pinnedFingerprint:
      input.trustFingerprint === undefined
        ? current.pinnedFingerprint
        : parseFingerprint(input.trustFingerprint ?? ''),
  };
}

/** Splits a PEM bundle into certificates, each readable and currently valid; '' gives none. */
export function parseCaBundle(text: string, now: number): readonly string[] {
  if (text.trim() === '') return [];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw bad(
      'Could not read the certificate: no "-----BEGIN CERTIFICATE-----" block was found. Paste the CA certificate in PEM format.',
    );
  }
  if (blocks.length > MAX_CA_CERTIFICATES) {
    throw bad(
      `Too many certificates (${blocks.length}); add only the CA certificates of your GitLab (at most ${MAX_CA_CERTIFICATES}).`,
    );
  }
  return blocks.map((block, index) => checkCertificate(block, index, blocks.length, now));
}

function checkCertificate(pem: string, index: number, count: number, now: number): string {
  const which = count > 1 ? ` #${index + 1}` : '';
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw bad(`Could not read the certificate${which}: ${reason}.`);
  }
  const name = commonName(cert.subject);
  if (Date.parse(cert.validTo) < now) {
    throw bad(
      `The CA certificate${which} "${name}" expired on ${isoDay(cert.validTo)}; get the current one from your administrators.`,
    );
  }
  if (Date.parse(cert.validFrom) > now) {
    throw bad(
      `The CA certificate${which} "${name}" is not valid before ${isoDay(cert.validFrom)}; check this computer's clock.`,
    );
  }
  return cert.toString();
}

/** An `http(s)://host:port` CONNECT proxy; '' gives none. */
export function parseProxy(text: string): string | null {
  const raw = text.trim();
  if (raw === '') return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw bad(`"${raw}" is not a proxy address; use the form http://proxy.example.com:3128.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bad(
      `Only HTTP CONNECT proxies (http:// or https://) are supported, not ${url.protocol}//.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw bad(
      'Proxy user names and passwords are not supported (they would be stored unencrypted); use a proxy that does not need them.',
    );
  }
  if (url.hostname === '') throw bad('The proxy address has no host name.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw bad('A proxy address is only scheme, host and port, e.g. http://proxy.example.com:3128.');
  }
  return `${url.protocol}//${url.host}`;
}

/** A SHA-256 fingerprint in canonical form; '' clears the pin. */
export function parseFingerprint(text: string): string | null {
  if (text.trim() === '') return null;
  const fingerprint = normaliseFingerprint(text);
  if (fingerprint === null) {
    throw bad(
      'That is not a SHA-256 fingerprint: expected 64 hexadecimal digits, e.g. AB:CD:EF:….',
    );
  }
  return fingerprint;
}

function commonName(subject: string): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(subject)?.[1] ?? subject.replace(/\n/g, ', ');
}

function isoDay(date: string): string {
  const parsed = Date.parse(date);
  return Number.isNaN(parsed) ? date : new Date(parsed).toISOString().slice(0, 10);
}
