/**
 * The packaged renderer's own scheme (src/main/electron/renderer-source.ts) under the stand-in:
 * every file of the main window comes from the app's `protocol.handle('app', …)`, and IPC trusts
 * the sending frame only at `app://jobshell/index.html`. See test/electron-standin/README.md,
 * "Custom schemes", for how the stand-in shows `app://jobshell` to Chromium.
 */
import { expect, test, type Page } from '@playwright/test';
import { RENDERER_CSP } from '../../src/shared/renderer-csp';
import { harness, request, type Harness } from './desktop-flow';

let h: Harness;
test.beforeEach(async () => {
  h = await harness();
});
test.afterEach(async () => {
  await h.close();
});

/** Status and CSP header of a same-origin fetch from the page. */
function fetchFromPage(
  window: Page,
  path: string,
): Promise<{ status: number; csp: string | null }> {
  return window.evaluate(async (target) => {
    const response = await fetch(target);
    return { status: response.status, csp: response.headers.get('content-security-policy') };
  }, path);
}

test('the main window’s files come from the app’s app:// handler, with its CSP; nothing outside the renderer', async () => {
  const { window } = await h.start();
  expect(await fetchFromPage(window, '/index.html')).toEqual({ status: 200, csp: RENDERER_CSP });
  // Decoded, this names ../main/index.js: the handler refuses paths outside out/renderer.
  expect(await fetchFromPage(window, '/..%2Fmain%2Findex.js')).toEqual({ status: 404, csp: null });
});

test('IPC trusts the main frame only at app://jobshell/index.html: the same frame elsewhere is refused', async () => {
  const { app, window } = await h.start();
  await expect(request(window, 'accounts.list', {})).resolves.toBeDefined();
  await window.evaluate(() => {
    (
      globalThis as unknown as { history: { pushState(s: null, t: string, u: string): void } }
    ).history.pushState(null, '', '/elsewhere.html');
  });
  await expect(request(window, 'accounts.list', {})).rejects.toThrow('Unknown sender');
  const refused = await app.waitForLog('IPC request from an unknown sender refused');
  expect(refused).toContain('app://jobshell/elsewhere.html');
  await window.evaluate(() => {
    (
      globalThis as unknown as { history: { pushState(s: null, t: string, u: string): void } }
    ).history.pushState(null, '', '/index.html');
  });
  await expect(request(window, 'accounts.list', {})).resolves.toBeDefined();
});
