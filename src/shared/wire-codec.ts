/**
 * Browser-mode framing of the contract over one WebSocket. Control messages are JSON text frames;
 * terminal output, the only hot path, is a binary frame so bytes are never turned into JSON.
 *
 * Binary layout (little endian): u8 kind=1 · u16 chunk count · per chunk: u16 id length · id
 * (UTF-8) · u32 data length · data.
 */
import type { Envelope } from './contract';
import type { OutputChunk } from './models';

export type ClientMessage =
  | { readonly t: 'req'; readonly id: number; readonly method: string; readonly params: unknown }
  | { readonly t: 'note'; readonly name: string; readonly params: unknown };

export type ServerMessage =
  | { readonly t: 'res'; readonly id: number; readonly result: Envelope<unknown> }
  | { readonly t: 'evt'; readonly name: string; readonly payload: unknown };

const OUTPUT_FRAME = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes one flush of terminal output as a single binary frame. */
export function encodeOutputFrame(chunks: readonly OutputChunk[]): Uint8Array {
  const ids = chunks.map((chunk) => encoder.encode(chunk.sessionId));
  let size = 3;
  chunks.forEach((chunk, index) => {
    size += 2 + (ids[index]?.byteLength ?? 0) + 4 + chunk.data.byteLength;
  });
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  view.setUint8(0, OUTPUT_FRAME);
  view.setUint16(1, chunks.length, true);
  let offset = 3;
  chunks.forEach((chunk, index) => {
    const id = ids[index] ?? new Uint8Array();
    view.setUint16(offset, id.byteLength, true);
    frame.set(id, offset + 2);
    offset += 2 + id.byteLength;
    view.setUint32(offset, chunk.data.byteLength, true);
    frame.set(chunk.data, offset + 4);
    offset += 4 + chunk.data.byteLength;
  });
  return frame;
}

/** Decodes a binary frame; throws on anything malformed rather than guessing. */
export function decodeOutputFrame(frame: Uint8Array): OutputChunk[] {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.byteLength < 3 || view.getUint8(0) !== OUTPUT_FRAME)
    throw new Error('Not an output frame');
  const count = view.getUint16(1, true);
  const chunks: OutputChunk[] = [];
  let offset = 3;
  for (let index = 0; index < count; index += 1) {
    const idLength = view.getUint16(offset, true);
    const sessionId = decoder.decode(frame.subarray(offset + 2, offset + 2 + idLength));
    offset += 2 + idLength;
    const dataLength = view.getUint32(offset, true);
    const start = offset + 4;
    if (start + dataLength > frame.byteLength) throw new Error('Truncated output frame');
    chunks.push({ sessionId, data: frame.subarray(start, start + dataLength) });
    offset = start + dataLength;
  }
  return chunks;
}

/** Parses a client's text frame; null when it is not one of ours (the server drops it). */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.t === 'req' && typeof message.id === 'number' && typeof message.method === 'string') {
    return { t: 'req', id: message.id, method: message.method, params: message.params };
  }
  if (message.t === 'note' && typeof message.name === 'string') {
    return { t: 'note', name: message.name, params: message.params };
  }
  return null;
}
