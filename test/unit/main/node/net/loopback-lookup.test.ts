import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  isLocalhostSubdomain,
  isLoopbackAddress,
  loopbackOnlyLookup,
} from '../../../../../src/main/node/net/loopback-lookup';
import { connectionOptions } from '../../../../../src/main/node/net/trust-policy';
import { DIRECT_NETWORK } from '../../../../../src/main/core/ports';

/** A resolver that answers `addresses` for every name (what a hostile DNS server could do). */
const answering =
  (addresses: LookupAddress[]) =>
  (
    _host: string,
    _options: unknown,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ): void => {
    callback(null, addresses);
  };

function lookup(addresses: LookupAddress[], all: boolean): Promise<unknown> {
  const fn = loopbackOnlyLookup(answering(addresses));
  return new Promise((resolve, reject) => {
    fn('app.localhost', { all }, (error: unknown, address: unknown, family?: unknown) => {
      if (error instanceof Error) reject(error);
      else resolve(all ? address : { address, family });
    });
  });
}

describe('*.localhost over plain http', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
    ['fe80::1', false],
  ])('%s is loopback: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it('applies to names under .localhost only', () => {
    expect(isLocalhostSubdomain('app.localhost')).toBe(true);
    expect(isLocalhostSubdomain('APP.LOCALHOST.')).toBe(true);
    expect(isLocalhostSubdomain('localhost')).toBe(false);
    expect(isLocalhostSubdomain('localhost.example.com')).toBe(false);
  });

  it('connects when every address is loopback, in both lookup styles', async () => {
    const loop = [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ];
    expect(await lookup(loop, true)).toEqual(loop);
    expect(await lookup(loop, false)).toEqual({ address: '127.0.0.1', family: 4 });
  });

  it('refuses a name that resolves anywhere else, even partly', async () => {
    const mixed = [
      { address: '127.0.0.1', family: 4 },
      { address: '203.0.113.9', family: 4 },
    ];
    await expect(lookup(mixed, true)).rejects.toThrow(
      /app\.localhost resolves to 203\.0\.113\.9, not to this computer/,
    );
    await expect(lookup([], false)).rejects.toThrow(/resolves to no address/);
  });

  it('refuses plain http to *.localhost through a proxy (the proxy would resolve it)', () => {
    const network = { ...DIRECT_NETWORK, proxy: 'http://proxy.corp:3128' };
    expect(() => connectionOptions(network, new URL('http://app.localhost:3000/'))).toThrow(
      /only directly, never through a proxy/,
    );
    expect(() => connectionOptions(network, new URL('https://app.localhost/'))).not.toThrow();
  });
});
