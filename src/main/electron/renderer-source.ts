/**
 * Where the main window's renderer comes from. Packaged builds: only the packaged files, served
 * from the privileged `app://jobshell` scheme (so the `grantFileProtocolExtraPrivileges` fuse can
 * be off: no page of ours runs from file://). Development: electron-vite's dev server when
 * ELECTRON_RENDERER_URL names a loopback address, never in a packaged build, where whoever sets
 * that variable could otherwise load any page next to the preload bridge.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_CONTENT_TYPES as CONTENT_TYPES } from '../../shared/renderer-content-types';
import { RENDERER_CSP } from '../../shared/renderer-csp';

export const APP_SCHEME = 'app';
const APP_HOST = 'jobshell';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Privileges of `app:`: a standard, secure origin (so 'self', fetch and modules work as on https). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

/** The dev server URL to use, or undefined: never when packaged, only a loopback http(s) one. */
export function devServerUrlFor(
  isPackaged: boolean,
  value: string | undefined,
): string | undefined {
  if (isPackaged || value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? value : undefined;
}

/** `scheme://host` of a URL (WHATWG gives custom schemes the origin "null"). */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'null';
  }
}

/** The file under `rendererDir` an `app://jobshell/…` URL names, or null (outside, malformed). */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path.slice(1)));
  return file.startsWith(normalize(rendererDir) + sep) ? file : null;
}

/** The answer to one `app:` request: the packaged file with its type and CSP, or a 404. */
export async function rendererResponse(rendererDir: string, url: string): Promise<Response> {
  const file = rendererFileFor(rendererDir, url);
  if (file === null) return new Response(null, { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response(null, { status: 404 });
  }
}
