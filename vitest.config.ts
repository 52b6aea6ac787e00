import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Importing the real `electron` package in plain Node throws; unit tests get a mock module.
    alias: { electron: fileURLToPath(new URL('./test/unit/mocks/electron.ts', import.meta.url)) },
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/gitlab-double/**/*.test.ts'],
    environment: 'node',
    // The CLI tests run the real CLI in child processes: bundled once here, not per child.
    globalSetup: ['test/unit/cli/cli-bundle.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    // electron-store imports `electron` itself: inline it so that import meets the alias above too.
    server: { deps: { inline: ['electron-store'] } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
