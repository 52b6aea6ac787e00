import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  devServerUrlFor,
  originOf,
  rendererFileFor,
  rendererResponse,
} from '../../../../src/main/electron/renderer-source';
import { rendererUrl } from '../../../../src/main/electron/main-window';
import { RENDERER_CSP } from '../../../../src/shared/renderer-csp';

describe('renderer source', () => {
  it('ignores ELECTRON_RENDERER_URL in a packaged build, whatever it says', () => {
    expect(devServerUrlFor(true, 'http://127.0.0.1:5173/')).toBeUndefined();
    expect(devServerUrlFor(true, 'https://evil.example/')).toBeUndefined();
  });

  it('uses a loopback dev server in development only', () => {
    expect(devServerUrlFor(false, 'http://localhost:5173/')).toBe('http://localhost:5173/');
    expect(devServerUrlFor(false, 'http://[::1]:5173/')).toBe('http://[::1]:5173/');
    expect(devServerUrlFor(false, 'https://evil.example/')).toBeUndefined();
    expect(devServerUrlFor(false, 'file:///tmp/x.html')).toBeUndefined();
    expect(devServerUrlFor(false, 'not a url')).toBeUndefined();
    expect(devServerUrlFor(false, undefined)).toBeUndefined();
  });

  it('loads the packaged renderer from app://jobshell, never from file://', () => {
    expect(rendererUrl({ outDir: '/app/out', devServerUrl: undefined })).toBe(APP_INDEX_URL);
    expect(APP_INDEX_URL).toBe('app://jobshell/index.html');
    expect(originOf(APP_INDEX_URL)).toBe('app://jobshell');
  });

  describe('app:// files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'jobshell-app-'));
      await mkdir(join(dir, 'assets'));
      await writeFile(join(dir, 'index.html'), '<!doctype html>');
      await writeFile(join(dir, 'assets', 'main.js'), 'export {};');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each([
      ['app://jobshell/', 'index.html'],
      ['app://jobshell/index.html', 'index.html'],
      ['app://jobshell/assets/main.js', 'assets/main.js'],
    ])('maps %s into the renderer folder', (url, file) => {
      expect(rendererFileFor(dir, url)).toBe(join(dir, file));
    });

    it.each([
      'app://other/index.html',
      'app://jobshell/..%2f..%2fetc%2fpasswd',
      'app://jobshell/%',
      'app://jobshell/a%00b',
      'file:///etc/passwd',
      'not a url',
    ])('refuses %s', (url) => {
      expect(rendererFileFor(dir, url)).toBeNull();
    });

    it('resolves dot segments at the root: they never leave the folder', () => {
      expect(rendererFileFor(dir, 'app://jobshell/../secrets.json')).toBe(
        join(dir, 'secrets.json'),
      );
      expect(rendererFileFor(dir, 'app://jobshell/%2e%2e/%2e%2e/etc/passwd')).toBe(
        join(dir, 'etc', 'passwd'),
      );
    });

    it('answers with the file, its type and the CSP, or 404', async () => {
      const page = await rendererResponse(dir, 'app://jobshell/assets/main.js');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(await page.text()).toBe('export {};');
      expect((await rendererResponse(dir, 'app://jobshell/missing.js')).status).toBe(404);
      expect((await rendererResponse(dir, 'app://jobshell/%')).status).toBe(404);
    });
  });
});
