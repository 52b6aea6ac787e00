/** Validation of the fault routes' JSON bodies (admin routes added for quality F1, F9, F12). */
import { DoubleInputError } from '../core/errors';
import type { F9Kind } from './f9-inputs';
import type { ConnectionCut, LinkShape } from './link-faults';

type Body = Readonly<Record<string, unknown>>;

const CUTS: readonly ConnectionCut[] = ['fin', 'rst'];
const F9_KINDS: readonly F9Kind[] = ['long-line', 'osc'];
/** Beyond this a shaped test would take hours: 1-byte segments go out one per event-loop turn. */
const MAX_LATENCY_MS = 60_000;
/** Largest F9 input: 64 MiB, well past the 10 MiB quality F9 names. */
const MAX_F9_BYTES = 64 * 1024 * 1024;

function wholeNumber(body: Body, key: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DoubleInputError(`${key} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function choice<T extends string>(body: Body, key: string, allowed: readonly T[]): T {
  const value = body[key];
  const found = allowed.find((option) => option === value);
  if (found === undefined) throw new DoubleInputError(`${key} must be ${allowed.join('|')}`);
  return found;
}

export function connectionCut(body: Body): ConnectionCut {
  return choice(body, 'fault', CUTS);
}

export function linkShape(body: Body): LinkShape {
  return {
    latency_ms: wholeNumber(body, 'latency_ms', 0, MAX_LATENCY_MS) ?? 0,
    segment_bytes: wholeNumber(body, 'segment_bytes', 1, 65_536) ?? null,
  };
}

export function f9Input(body: Body): { kind: F9Kind; bytes: number | undefined } {
  return {
    kind: choice(body, 'kind', F9_KINDS),
    bytes: wholeNumber(body, 'bytes', 1, MAX_F9_BYTES),
  };
}

export function externalUrl(body: Body): string | null {
  const value = body.url;
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new DoubleInputError('url must be a string or null');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DoubleInputError(`url "${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DoubleInputError('url must be http(s)');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
