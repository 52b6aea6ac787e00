/**
 * `*.localhost` over plain http: allowed as "this computer" (base-url.ts) only if the name really
 * resolves to loopback addresses. Node resolves it through DNS (unlike browsers, which pin it to
 * loopback), so a resolver that answers otherwise would receive the session cookie in clear.
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { NetworkError } from '../../core/net/network-error';

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** True for the hosts this rule is about: names under `.localhost` (not `localhost` itself). */
export function isLocalhostSubdomain(hostname: string): boolean {
  return hostname.toLowerCase().replace(/\.$/, '').endsWith('.localhost');
}

type Resolve = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** A `lookup` for net/http that fails unless every address of the name is a loopback one. */
export function loopbackOnlyLookup(resolve: Resolve = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) {
        callback(error, '', 4);
        return;
      }
      const outside = addresses.find((entry) => !isLoopbackAddress(entry.address));
      const first = addresses[0];
      if (outside !== undefined || first === undefined) {
        const where = outside === undefined ? 'no address' : outside.address;
        const refusal = new NetworkError(
          'other',
          `${hostname} resolves to ${where}, not to this computer: plain http:// is allowed only for loopback addresses. Use https://, or a name that resolves to 127.0.0.1 or ::1.`,
          'NOT_LOOPBACK',
        );
        // net passes the error on unchanged; the transport keeps it as the NetworkError it is.
        callback(refusal as unknown as NodeJS.ErrnoException, '', 4);
        return;
      }
      if ((options as { all?: boolean }).all === true) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}
