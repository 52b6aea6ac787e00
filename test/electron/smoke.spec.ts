import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from './support';

const binary = electronBinary();

test.describe('Electron smoke', () => {
  test.skip('missing' in binary, `Skipped: ${'missing' in binary ? binary.missing : ''}`);

  test('the main window opens the renderer with the secure defaults', async () => {
    if (!('path' in binary)) return;
    const app = await electron.launch({ executablePath: binary.path, args: ['.'] });
    try {
      const window = await app.firstWindow();
      await expect(window.getByText('Jobshell').first()).toBeVisible();
      // Isolation and sandbox, seen from the page: no Node, and only the bridge's three functions.
      const page = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as unknown as { jobshell: object }).jobshell).sort(),
      }));
      expect(page).toEqual({
        require: 'undefined',
        process: 'undefined',
        bridge: ['notify', 'onEvent', 'request'],
      });
    } finally {
      await app.close();
    }
  });
});
