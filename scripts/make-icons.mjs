// @ts-check
/**
 * Renders assets/icon.svg and assets/tray/*.svg into every PNG/ICO/ICNS the packagers and the
 * tray need. Run by hand after editing an SVG (`node scripts/make-icons.mjs`) and commit the
 * outputs: CI has no rasteriser, so builds use the committed files.
 *
 * Rasterising uses the system Chromium through Playwright (no network, no downloads): its SVG
 * renderer honours the `@media (max-width)` rules icon.svg uses to drop detail at small sizes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { encodeIcns, encodeIco } from './icon-containers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ASSETS = join(ROOT, 'assets');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const MASTER_SIZE = 1024;
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];
/** Apple's icon grid: an 824 px body on a 1024 canvas. icon.svg's tile is 960 px wide. */
const MAC_BODY_SCALE = 824 / 960;
/** Drop shadow under the macOS tile, as fractions of the canvas (Apple's template look). */
const MAC_SHADOW = { blur: 20 / 1024, offsetY: 10 / 1024, color: 'rgba(0, 0, 0, 0.30)' };

const TRAY_STATES = /** @type {const} */ (['idle', 'active', 'attention']);
const TRAY_POINT_SIZE = 16;
const TRAY_SCALES = [1, 2];
/**
 * Tray colourways. The SVGs are drawn in light ink for dark panels (GNOME, Windows dark taskbar);
 * `-onlight` is for light panels; `Template` is black-on-alpha for the macOS menu bar, where
 * Electron treats a file whose name ends in "Template" as a template image. Attention keeps
 * its amber dot, so it never gets a template variant.
 */
const TRAY_INKS = [
  { suffix: '', ink: null, states: TRAY_STATES },
  { suffix: '-onlight', ink: '#2b3346', states: TRAY_STATES },
  { suffix: 'Template', ink: '#000000', states: ['idle', 'active'] },
];

/**
 * @typedef {object} RenderOptions
 * @property {number} size Canvas size in pixels.
 * @property {number} [scale] Fraction of the canvas the artwork fills, centred.
 * @property {typeof MAC_SHADOW} [shadow]
 * @property {boolean} [pixels] Also return raw RGBA (for ICO DIB entries).
 */
/** @typedef {import('./icon-containers.mjs').RasterImage} RasterImage */

/**
 * The DOM the in-page renderer touches, typed here because tsconfig.json (Node code) has no DOM lib.
 * @typedef {{ src: string, decode(): Promise<void> }} PageImage
 * @typedef {object} PageContext2D
 * @property {string} shadowColor
 * @property {number} shadowBlur
 * @property {number} shadowOffsetY
 * @property {(image: PageImage, x: number, y: number, w: number, h: number) => void} drawImage
 * @property {(x: number, y: number, w: number, h: number) => { data: Uint8ClampedArray }} getImageData
 * @typedef {object} PageCanvas
 * @property {number} width
 * @property {number} height
 * @property {(kind: '2d') => PageContext2D | null} getContext
 * @property {(type: string) => string} toDataURL
 * @typedef {object} PageGlobals
 * @property {new (width: number, height: number) => PageImage} Image
 * @property {{ createElement(tag: 'canvas'): PageCanvas }} document
 */

/**
 * Replaces the root `color` attribute that the tray SVGs draw with (via currentColor).
 * @param {string} svg
 * @param {string | null} ink
 */
function withInk(svg, ink) {
  if (ink === null) return svg;
  const root = /<svg\b[^>]*?\scolor="[^"]*"/;
  if (!root.test(svg)) throw new Error('tray SVG has no color="" on its root element');
  return svg.replace(root, (tag) => tag.replace(/\scolor="[^"]*"/, ` color="${ink}"`));
}

/** @param {import('@playwright/test').Page} page */
function makeRenderer(page) {
  /**
   * @param {string} svg
   * @param {RenderOptions} options
   * @returns {Promise<RasterImage>}
   */
  return async function render(svg, { size, scale = 1, shadow, pixels = false }) {
    const out = await page.evaluate(
      async ({ svg, size, scale, shadow, pixels }) => {
        const { Image, document } = /** @type {PageGlobals} */ (
          /** @type {unknown} */ (globalThis)
        );
        // The image element's own size is what the SVG's @media queries see.
        const drawn = Math.round(size * scale);
        const img = new Image(drawn, drawn);
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = size;
        canvas.height = size;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2D canvas context');
        if (shadow) {
          ctx.shadowColor = shadow.color;
          ctx.shadowBlur = shadow.blur * size;
          ctx.shadowOffsetY = shadow.offsetY * size;
        }
        const at = (size - drawn) / 2;
        ctx.drawImage(img, at, at, drawn, drawn);
        return {
          png: canvas.toDataURL('image/png').slice('data:image/png;base64,'.length),
          rgba: pixels ? Array.from(ctx.getImageData(0, 0, size, size).data) : null,
        };
      },
      { svg, size, scale, shadow: shadow ?? null, pixels },
    );
    return {
      size,
      png: Buffer.from(out.png, 'base64'),
      ...(out.rgba ? { rgba: Buffer.from(out.rgba) } : {}),
    };
  };
}

/** @type {string[]} */
const written = [];

/**
 * @param {string} path Relative to assets/.
 * @param {Buffer} data
 */
async function emit(path, data) {
  const full = join(ASSETS, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, data);
  written.push(`${relative(ROOT, full)} (${data.length} B)`);
}

/** @param {ReturnType<typeof makeRenderer>} render */
async function makeAppIcons(render) {
  const svg = await readFile(join(ASSETS, 'icon.svg'), 'utf8');
  await emit('icon.png', (await render(svg, { size: MASTER_SIZE })).png);
  for (const size of LINUX_SIZES) {
    await emit(`icons/${size}x${size}.png`, (await render(svg, { size })).png);
  }
  const ico = await Promise.all(ICO_SIZES.map((size) => render(svg, { size, pixels: true })));
  await emit('icon.ico', encodeIco(ico));
  const mac = { scale: MAC_BODY_SCALE, shadow: MAC_SHADOW };
  const icns = await Promise.all(ICNS_SIZES.map((size) => render(svg, { size, ...mac })));
  await emit('icon.icns', encodeIcns(icns));
}

/** @param {ReturnType<typeof makeRenderer>} render */
async function makeTrayIcons(render) {
  for (const state of TRAY_STATES) {
    const svg = await readFile(join(ASSETS, 'tray', `tray-${state}.svg`), 'utf8');
    for (const { suffix, ink, states } of TRAY_INKS) {
      if (!states.includes(state)) continue;
      for (const scale of TRAY_SCALES) {
        const image = await render(withInk(svg, ink), { size: TRAY_POINT_SIZE * scale });
        const density = scale === 1 ? '' : `@${scale}x`;
        await emit(`tray/tray-${state}${suffix}${density}.png`, image.png);
      }
    }
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // Everything is inlined as data: URLs; refuse any other request outright.
    await page.route('**/*', (route) => route.abort());
    const render = makeRenderer(page);
    await makeAppIcons(render);
    await makeTrayIcons(render);
  } finally {
    await browser.close();
  }
  console.log(`make-icons: wrote ${written.length} files\n  ${written.join('\n  ')}`);
}

await main();
