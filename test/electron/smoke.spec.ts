import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { desktopBackends, launchDesktop } from './desktop';

for (const backend of desktopBackends()) {
  test.describe(`Electron smoke (${backend})`, () => {
    test('the main window opens the renderer with the secure defaults', async () => {
      const profile = await mkdtemp(join(tmpdir(), 'jobshell-electron-'));
      const app = await launchDesktop(backend, { args: [`--user-data-dir=${profile}`] });
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
        // The renderer reached the main process over IPC: it shows the core's empty state.
        await expect(window.getByRole('heading', { name: 'No GitLab account yet' })).toBeVisible();
      } finally {
        await app.close();
        await rm(profile, { recursive: true, force: true });
      }
    });
  });
}
