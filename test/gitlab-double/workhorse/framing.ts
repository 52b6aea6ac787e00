import { MAX_INPUT_FRAME_BYTES } from '../core/constants';

/** Workhorse's upgrader list; gorilla picks the first of THESE that the client offered. */
export const SERVER_SUBPROTOCOLS = ['terminal.gitlab.com', 'base64.terminal.gitlab.com'] as const;

/** How frames map to bytes on this connection (workhorse/internal/channel/wrappers.go). */
export type Framing =
  | { readonly kind: 'binary' }
  | { readonly kind: 'base64' }
  /** No subprotocol agreed: frames are relayed untranslated. */
  | { readonly kind: 'raw' };

export function selectSubprotocol(offered: ReadonlySet<string>): string | false {
  return SERVER_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false;
}

export function framingFor(protocol: string): Framing {
  switch (protocol) {
    case 'terminal.gitlab.com':
      return { kind: 'binary' };
    case 'base64.terminal.gitlab.com':
      return { kind: 'base64' };
    default:
      return { kind: 'raw' };
  }
}

export type DecodedInput =
  { readonly kind: 'data'; readonly bytes: Buffer } | { readonly kind: 'invalid' };

/** Go's StdEncoding: padded standard alphabet; it skips CR and LF, nothing else. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(frame: Buffer): DecodedInput {
  const text = frame.toString('latin1').replace(/[\r\n]/g, '');
  if (!STRICT_BASE64.test(text)) return { kind: 'invalid' };
  return { kind: 'data', bytes: Buffer.from(text, 'base64') };
}

/**
 * A client frame as the shell receives it. Under terminal.gitlab.com a text frame is taken as
 * data too (the code is lenient, the docs are not). Under base64 every frame goes through the
 * decoder, so a binary frame usually fails, and a failure ends the session. The runner reads a
 * message into a 32 KiB buffer and silently drops the rest.
 */
export function decodeInput(framing: Framing, frame: Buffer): DecodedInput {
  const decoded =
    framing.kind === 'base64' ? decodeBase64(frame) : { kind: 'data' as const, bytes: frame };
  if (decoded.kind === 'data' && decoded.bytes.length > MAX_INPUT_FRAME_BYTES) {
    return { kind: 'data', bytes: decoded.bytes.subarray(0, MAX_INPUT_FRAME_BYTES) };
  }
  return decoded;
}

export interface OutputFrame {
  readonly data: Buffer | string;
  readonly binary: boolean;
}

export function encodeOutput(framing: Framing, chunk: Buffer): OutputFrame {
  switch (framing.kind) {
    case 'base64':
      return { data: chunk.toString('base64'), binary: false };
    case 'binary':
    case 'raw':
      return { data: chunk, binary: true };
  }
}
