import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/e2e/support/chromium';

export default defineConfig({
  testDir: 'test',
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  // Two cores: each test starts its own GitLab double and core, so more workers only thrash.
  workers: 2,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalSetup: './test/e2e/support/global-setup.ts',
  use: { launchOptions: chromiumLaunchOptions(), trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    { name: 'e2e', testMatch: 'e2e/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
