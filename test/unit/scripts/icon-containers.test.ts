import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ICNS_PNG_TYPES,
  ICO_PNG_MIN_SIZE,
  decodeIcns,
  decodeIco,
  encodeIcns,
  encodeIco,
  pngSize,
} from '../../../scripts/icon-containers.mjs';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real (valid) RGBA PNG of one colour, plus its raw pixels. */
function solidImage(size: number, rgba: readonly [number, number, number, number]) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set(rgba, i);
  const rows = Buffer.concat(
    Array.from({ length: size }, (_, y) =>
      Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)]),
    ),
  );
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { size, png, rgba: pixels };
}

describe('pngSize', () => {
  it('reads the IHDR dimensions', () => {
    expect(pngSize(solidImage(24, [0, 0, 0, 255]).png)).toEqual({ width: 24, height: 24 });
  });

  it('rejects non-PNG data', () => {
    expect(() => pngSize(Buffer.from('GIF89a, definitely not a PNG'))).toThrow(/PNG/);
  });
});

describe('ICO', () => {
  const images = [16, 32, 256].map((size) => solidImage(size, [255, 128, 0, 255]));

  it('round-trips: a directory entry per image, DIB below 256 px, PNG at 256', () => {
    const entries = decodeIco(encodeIco(images));
    expect(entries.map((e) => [e.size, e.format])).toEqual([
      [16, 'bmp'],
      [32, 'bmp'],
      [ICO_PNG_MIN_SIZE, 'png'],
    ]);
    expect(entries[2]?.data.equals(images[2]?.png ?? Buffer.alloc(0))).toBe(true);
  });

  it('stores DIBs bottom-up in BGRA with a doubled height and a transparency mask', () => {
    const clear = solidImage(16, [0, 0, 0, 0]);
    const [opaque, transparent] = decodeIco(encodeIco([images[0] ?? clear, clear]));
    const dib = opaque?.data ?? Buffer.alloc(0);
    expect(dib.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
    expect([dib.readInt32LE(4), dib.readInt32LE(8), dib.readUInt16LE(14)]).toEqual([16, 32, 32]);
    expect([...dib.subarray(40, 44)]).toEqual([0, 128, 255, 255]);
    const maskOf = (data: Buffer) => data.subarray(40 + 16 * 16 * 4);
    expect(maskOf(dib).every((b) => b === 0)).toBe(true);
    // 16 px rows pad to 4 bytes; the first two bytes of each row carry the 16 mask bits.
    expect([...maskOf(transparent?.data ?? Buffer.alloc(0)).subarray(0, 4)]).toEqual([
      0xff, 0xff, 0, 0,
    ]);
  });

  it('refuses images it cannot store', () => {
    expect(() => encodeIco([solidImage(512, [0, 0, 0, 255])])).toThrow(/256/);
    expect(() => encodeIco([{ size: 16, png: images[0]?.png ?? Buffer.alloc(0) }])).toThrow(/rgba/);
  });
});

describe('ICNS', () => {
  it('writes one PNG element per matching type and reads them back', () => {
    const images = [16, 32, 64].map((size) => solidImage(size, [10, 20, 30, 255]));
    const icns = encodeIcns(images);
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = decodeIcns(icns);
    const expected = Object.entries(ICNS_PNG_TYPES).filter(([, size]) => size <= 64);
    expect(entries.map((e) => e.type)).toEqual(expected.map(([type]) => type));
    for (const entry of entries) {
      expect(pngSize(entry.data).width).toBe(ICNS_PNG_TYPES[entry.type]);
    }
  });

  it('rejects a truncated file', () => {
    const icns = encodeIcns([solidImage(16, [0, 0, 0, 255])]);
    expect(() => decodeIcns(icns.subarray(0, icns.length - 1))).toThrow(/length/);
  });
});
