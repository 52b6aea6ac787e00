import { isAscii } from 'node:buffer';
import {
  CHUNKER_SEED,
  MAX_OUTPUT_FRAME_BYTES,
  RANDOM_CUT_ONE_IN,
  RANDOM_UTF8_SPLIT_ONE_IN,
} from '../core/constants';
import { mulberry32 } from '../core/mulberry32';
import type { Utf8SplitMode } from '../core/types';

/** Length of the UTF-8 sequence a lead byte starts, or 0 for ASCII and continuation bytes. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Index just after the lead byte of the first complete multi-byte character, or -1. */
export function firstMultibyteCut(chunk: Buffer): number {
  // Native check first: floods like `yes` are pure ASCII and must stay cheap.
  if (isAscii(chunk)) return -1;
  for (let i = 0; i < chunk.length; i++) {
    const byte = chunk[i] ?? 0;
    if (byte < 0x80) continue;
    const len = sequenceLength(byte);
    if (len > 0 && i + len <= chunk.length) return i + 1;
  }
  return -1;
}

function cutAt(chunk: Buffer, at: number): Buffer[] {
  return at > 0 && at < chunk.length ? [chunk.subarray(0, at), chunk.subarray(at)] : [chunk];
}

/**
 * Cuts shell output into websocket frames the way real traffic arrives: at most 32 KiB each
 * (the runner's read buffer), sometimes at an arbitrary byte, and sometimes right inside a
 * multi-byte UTF-8 character. 'always' splits the first multi-byte character of every chunk, so
 * a test can prove that a client reassembles it. Only subarray views are made: no copies.
 */
export class OutputChunker {
  readonly #mode: () => Utf8SplitMode;
  readonly #random = mulberry32(CHUNKER_SEED);

  constructor(mode: () => Utf8SplitMode) {
    this.#mode = mode;
  }

  split(chunk: Buffer): Buffer[] {
    const mode = this.#mode();
    if (chunk.length <= MAX_OUTPUT_FRAME_BYTES) return this.#cut(chunk, mode);
    const frames: Buffer[] = [];
    for (let at = 0; at < chunk.length; at += MAX_OUTPUT_FRAME_BYTES) {
      frames.push(...this.#cut(chunk.subarray(at, at + MAX_OUTPUT_FRAME_BYTES), mode));
    }
    return frames;
  }

  #cut(chunk: Buffer, mode: Utf8SplitMode): Buffer[] {
    switch (mode) {
      case 'never':
        return [chunk];
      case 'always':
        return cutAt(chunk, firstMultibyteCut(chunk));
      case 'random': {
        const r = this.#random();
        if (r < 1 / RANDOM_UTF8_SPLIT_ONE_IN) return cutAt(chunk, firstMultibyteCut(chunk));
        if (r < 1 / RANDOM_UTF8_SPLIT_ONE_IN + 1 / RANDOM_CUT_ONE_IN) {
          return cutAt(chunk, 1 + Math.floor(this.#random() * (chunk.length - 1)));
        }
        return [chunk];
      }
    }
  }
}
