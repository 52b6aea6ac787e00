import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from './support/fixtures';

test.describe('foundation', () => {
  test('first start shows the empty state with Add account, a tab strip and settings', async ({
    page,
    jobshell,
  }) => {
    await jobshell.open(page);
    await expect(page.getByRole('heading', { name: 'No GitLab account yet' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
    await expect(page.getByRole('tablist', { name: 'Terminals' })).toContainText(
      'No terminals open',
    );
    await page.screenshot({ path: 'reports/screens/empty-state.png' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  });

  test('the bridge socket is read by a worker, off the page main thread', async ({
    page,
    jobshell,
  }) => {
    const worker = page.waitForEvent('worker');
    await jobshell.open(page);
    // The page got this far, so requests and answers travel through the worker's socket.
    await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
    expect((await worker).url()).toMatch(/\/assets\/socket-worker-[\w-]+\.js$/);
    expect(page.workers()).toHaveLength(1);
  });

  test('the theme follows the OS, and the user can override it', async ({ page, jobshell }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await jobshell.open(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: 'reports/screens/empty-state-dark.png' });
  });

  test('browser mode rejects a bridge connection without the token', async ({ page, jobshell }) => {
    await page.goto(jobshell.app.server.origin);
    await expect(page.getByRole('alert')).toContainText(
      'needs the address printed by `npm run web`',
    );
    const outcome = await page.evaluate(async (origin) => {
      const attempt = (query: string): Promise<string> =>
        new Promise((resolve) => {
          const socket = new WebSocket(`${origin.replace('http', 'ws')}/bridge${query}`);
          socket.onopen = () => {
            resolve('open');
          };
          socket.onerror = () => {
            resolve('refused');
          };
        });
      return [await attempt(''), await attempt('?token=wrong')];
    }, jobshell.app.server.origin);
    expect(outcome).toEqual(['refused', 'refused']);
    expect(jobshell.logs.filter((line) => line.includes('bridge refused'))).toHaveLength(2);
  });

  test('`npm run web` serves the renderer at the printed address', async ({ page }) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jobshell-web-cli-'));
    const child = spawn(
      process.execPath,
      ['out/main/web.js', '--port', '0', '--data-dir', dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      let url = '';
      for await (const line of lines) {
        if (line.startsWith('http://127.0.0.1:')) {
          url = line.trim();
          break;
        }
      }
      expect(url).toMatch(/#token=/);
      await page.goto(url);
      await expect(page.getByRole('heading', { name: 'No GitLab account yet' })).toBeVisible();
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
