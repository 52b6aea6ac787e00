import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyNetworkInput,
  MAX_CA_CERTIFICATES,
  parseCaBundle,
  parseFingerprint,
  parseProxy,
} from '../../../../../../src/main/core/accounts/input/network-options';
import { DIRECT_NETWORK } from '../../../../../../src/main/core/ports';

const DAY = 86_400_000;
const NOW = Date.now();

async function cert(cn: string, from: number, to: number): Promise<string> {
  const pems = await generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(from),
    notAfterDate: new Date(to),
  });
  return pems.cert;
}

describe('CA certificates', () => {
  let valid: string;
  let second: string;
  let expired: string;
  let future: string;
  beforeAll(async () => {
    valid = await cert('Corp Root CA', NOW - DAY, NOW + 365 * DAY);
    second = await cert('Corp Issuing CA', NOW - DAY, NOW + 365 * DAY);
    expired = await cert('Old Root', NOW - 10 * DAY, NOW - DAY);
    future = await cert('Not Yet', NOW + DAY, NOW + 10 * DAY);
  });

  it('reads a bundle of PEM blocks, ignoring text around them', () => {
    const bundle = `Subject: corp\n${valid}\nsome comment\n${second}`;
    const parsed = parseCaBundle(bundle, NOW);
    expect(parsed).toHaveLength(2);
    expect(new X509Certificate(parsed[1] ?? '').subject).toContain('Corp Issuing CA');
  });

  it('clears with an empty string', () => {
    expect(parseCaBundle('  ', NOW)).toEqual([]);
  });

  it('names an unparsable PEM', () => {
    expect(() => parseCaBundle('not a certificate', NOW)).toThrow(
      /Could not read the certificate: no "-----BEGIN CERTIFICATE-----"/,
    );
    const broken = '-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----';
    expect(() => parseCaBundle(broken, NOW)).toThrow(/^Could not read the certificate: /);
    expect(() => parseCaBundle(`${valid}\n${broken}`, NOW)).toThrow(
      /Could not read the certificate #2/,
    );
  });

  it('names an expired CA and one not yet valid', () => {
    expect(() => parseCaBundle(expired, NOW)).toThrow(/"Old Root" expired on/);
    expect(() => parseCaBundle(future, NOW)).toThrow(/"Not Yet" is not valid before/);
  });

  it('refuses a whole system store', () => {
    expect(() =>
      parseCaBundle(Array.from({ length: MAX_CA_CERTIFICATES + 1 }, () => valid).join('\n'), NOW),
    ).toThrow(/Too many certificates/);
  });
});

describe('proxy addresses', () => {
  it.each([
    ['http://proxy.corp:3128', 'http://proxy.corp:3128'],
    ['proxy.corp:3128', 'http://proxy.corp:3128'],
    ['https://proxy.corp', 'https://proxy.corp'],
    ['http://proxy.corp:3128/', 'http://proxy.corp:3128'],
  ])('%s → %s', (input, expected) => {
    expect(parseProxy(input)).toBe(expected);
  });

  it.each([
    ['socks5://proxy.corp:1080', /Only HTTP CONNECT proxies/],
    ['http://user:secret@proxy.corp:3128', /user names and passwords are not supported/],
    ['http://proxy.corp:3128/path', /only scheme, host and port/],
    ['http://proxy corp', /not a proxy address/],
  ])('refuses %s', (input, message) => {
    expect(() => parseProxy(input)).toThrow(message);
  });

  it('clears with an empty string', () => {
    expect(parseProxy('')).toBeNull();
  });
});

describe('fingerprints', () => {
  const canonical = Array.from({ length: 32 }, (_, i) =>
    i.toString(16).padStart(2, '0').toUpperCase(),
  ).join(':');

  it('accepts the usual spellings', () => {
    expect(parseFingerprint(canonical.toLowerCase())).toBe(canonical);
    expect(parseFingerprint(canonical.replace(/:/g, ''))).toBe(canonical);
    expect(parseFingerprint(`SHA256: ${canonical.replace(/:/g, ' ')}`)).toBe(canonical);
  });

  it('refuses anything else', () => {
    expect(() => parseFingerprint('AB:CD')).toThrow(/not a SHA-256 fingerprint/);
    expect(() => parseFingerprint(canonical.replace('00', 'ZZ'))).toThrow(
      /not a SHA-256 fingerprint/,
    );
  });

  it('is applied field by field: undefined keeps, null clears', () => {
    const start = { ca: ['x'], proxy: 'http://p:1', pinnedFingerprint: canonical };
    expect(applyNetworkInput(start, {}, NOW)).toEqual(start);
    expect(applyNetworkInput(start, { proxy: null, trustFingerprint: null }, NOW)).toEqual({
      ...start,
      proxy: null,
      pinnedFingerprint: null,
    });
    expect(applyNetworkInput(DIRECT_NETWORK, { proxy: 'p:1' }, NOW).proxy).toBe('http://p:1');
  });
});
