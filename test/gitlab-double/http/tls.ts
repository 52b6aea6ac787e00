import { generate } from 'selfsigned';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/** Long enough for any test run or demo, short enough to look like a real self-signed cert. */
const CERT_VALIDITY_DAYS = 30;
const MS_PER_DAY = 86_400_000;

/**
 * A self-signed certificate for 127.0.0.1 and localhost (selfsigned adds both SANs for the
 * common name "localhost"). EC keys because RSA generation is slow in JS.
 */
export async function selfSignedCert(): Promise<TlsMaterial> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(now - MS_PER_DAY),
    notAfterDate: new Date(now + CERT_VALIDITY_DAYS * MS_PER_DAY),
  });
  return { key: pems.private, cert: pems.cert };
}
