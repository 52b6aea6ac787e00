// @ts-check
/**
 * Writers (and readers, for tests) for the Windows ICO and macOS ICNS icon containers.
 * Hand-written because CI has no ImageMagick/iconutil and both formats are simple.
 */

/**
 * @typedef {object} RasterImage
 * @property {number} size Width and height in pixels (icons are square).
 * @property {Buffer} png The PNG-encoded image.
 * @property {Buffer} [rgba] Straight (non-premultiplied) RGBA pixels, top row first; needed by
 *   {@link encodeIco} for sizes below {@link ICO_PNG_MIN_SIZE}.
 */

/** @typedef {{ size: number, format: 'png' | 'bmp', data: Buffer }} IcoEntry */
/** @typedef {{ type: string, data: Buffer }} IcnsEntry */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ICO_HEADER_BYTES = 6;
const ICO_ENTRY_BYTES = 16;
const BITMAPINFOHEADER_BYTES = 40;
/**
 * Entries this large are stored as PNG; smaller ones as 32-bit DIBs, which every ICO reader
 * (old shell code, NSIS, rcedit) understands. The ICO directory cannot say 256 in a byte: 0 means 256.
 */
export const ICO_PNG_MIN_SIZE = 256;
const ICNS_HEADER_BYTES = 8;

/**
 * ICNS element types that hold PNG data, by pixel size. Retina types (ic11..ic14) repeat a pixel
 * size under another point size; macOS picks whichever matches the display.
 * @type {Readonly<Record<string, number>>}
 */
export const ICNS_PNG_TYPES = Object.freeze({
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
});

/**
 * Reads width and height from a PNG's IHDR chunk.
 * @param {Buffer} png
 * @returns {{ width: number, height: number }}
 */
export function pngSize(png) {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Encodes straight RGBA pixels as the DIB an ICO entry holds: a BITMAPINFOHEADER with doubled
 * height, BGRA rows bottom-up, then a 1-bit AND mask (set where fully transparent).
 * @param {number} size
 * @param {Buffer} rgba
 * @returns {Buffer}
 */
function encodeDib(size, rgba) {
  if (rgba.length !== size * size * 4)
    throw new Error(`rgba for ${size}px has ${rgba.length} bytes`);
  const maskRowBytes = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(BITMAPINFOHEADER_BYTES);
  header.writeUInt32LE(BITMAPINFOHEADER_BYTES, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR image + AND mask
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(size * size * 4 + size * maskRowBytes, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(size * maskRowBytes);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const src = (y * size + x) * 4;
      const dst = (row * size + x) * 4;
      pixels[dst] = rgba[src + 2] ?? 0;
      pixels[dst + 1] = rgba[src + 1] ?? 0;
      pixels[dst + 2] = rgba[src] ?? 0;
      pixels[dst + 3] = rgba[src + 3] ?? 0;
      if (rgba[src + 3] === 0) {
        const at = row * maskRowBytes + (x >> 3);
        mask[at] = (mask[at] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/**
 * Builds an ICO file from square images (at most 256 px).
 * @param {readonly RasterImage[]} images
 * @returns {Buffer}
 */
export function encodeIco(images) {
  const payloads = images.map((image) => {
    if (image.size > ICO_PNG_MIN_SIZE) throw new Error(`ICO entries are at most 256 px`);
    if (image.size >= ICO_PNG_MIN_SIZE) return image.png;
    if (!image.rgba) throw new Error(`ICO entry ${image.size}px needs rgba pixels`);
    return encodeDib(image.size, image.rgba);
  });
  const header = Buffer.alloc(ICO_HEADER_BYTES + ICO_ENTRY_BYTES * images.length);
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const at = ICO_HEADER_BYTES + i * ICO_ENTRY_BYTES;
    const sizeByte = image.size % 256; // 0 encodes 256
    const payload = /** @type {Buffer} */ (payloads[i]);
    header.writeUInt8(sizeByte, at);
    header.writeUInt8(sizeByte, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(payload.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += payload.length;
  });
  return Buffer.concat([header, ...payloads]);
}

/**
 * Parses an ICO file back into its entries.
 * @param {Buffer} ico
 * @returns {IcoEntry[]}
 */
export function decodeIco(ico) {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = ico.readUInt16LE(4);
  /** @type {IcoEntry[]} */
  const entries = [];
  for (let i = 0; i < count; i++) {
    const at = ICO_HEADER_BYTES + i * ICO_ENTRY_BYTES;
    const size = ico.readUInt8(at) || 256;
    const length = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    if (offset + length > ico.length) throw new Error(`ICO entry ${i} runs past the end`);
    const data = ico.subarray(offset, offset + length);
    entries.push({ size, format: data.subarray(0, 8).equals(PNG_SIGNATURE) ? 'png' : 'bmp', data });
  }
  return entries;
}

/**
 * Builds an ICNS file from PNGs, one element per type in {@link ICNS_PNG_TYPES} whose pixel size
 * is available.
 * @param {readonly RasterImage[]} images
 * @returns {Buffer}
 */
export function encodeIcns(images) {
  const bySize = new Map(images.map((image) => [image.size, image.png]));
  const elements = Object.entries(ICNS_PNG_TYPES).flatMap(([type, size]) => {
    const png = bySize.get(size);
    if (!png) return [];
    const head = Buffer.alloc(ICNS_HEADER_BYTES);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(ICNS_HEADER_BYTES + png.length, 4);
    return [head, png];
  });
  if (elements.length === 0) throw new Error('no image matches an ICNS element size');
  const header = Buffer.alloc(ICNS_HEADER_BYTES);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(ICNS_HEADER_BYTES + elements.reduce((n, b) => n + b.length, 0), 4);
  return Buffer.concat([header, ...elements]);
}

/**
 * Parses an ICNS file back into its elements.
 * @param {Buffer} icns
 * @returns {IcnsEntry[]}
 */
export function decodeIcns(icns) {
  if (icns.toString('ascii', 0, 4) !== 'icns') throw new Error('not an ICNS');
  if (icns.readUInt32BE(4) !== icns.length) throw new Error('ICNS length field is wrong');
  /** @type {IcnsEntry[]} */
  const entries = [];
  for (let at = ICNS_HEADER_BYTES; at < icns.length;) {
    const type = icns.toString('ascii', at, at + 4);
    const length = icns.readUInt32BE(at + 4);
    if (length < ICNS_HEADER_BYTES || at + length > icns.length) {
      throw new Error(`ICNS element ${type} has a bad length`);
    }
    entries.push({ type, data: icns.subarray(at + ICNS_HEADER_BYTES, at + length) });
    at += length;
  }
  return entries;
}
