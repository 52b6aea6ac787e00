/**
 * End-to-end fixtures: every test gets its own GitLab double and its own browser-mode core with a
 * fresh data directory, and a page showing the real production renderer bundle. Tests drive the
 * UI like a user and control GitLab through the double; they wait for what the UI shows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../../src/main/web/browser-mode';
import type { LogLevel } from '../../../src/main/core/ports';
import type { TerminalServiceOptions } from '../../../src/main/core/terminal/terminal-service';
import type { AccountView } from '../../../src/shared/models';
import {
  seedUser,
  startGitlabDouble,
  type GitlabDouble,
  type GitlabDoubleOptions,
} from '../../gitlab-double';
import { SkippableClock } from './skippable-clock';

export interface Jobshell {
  readonly app: BrowserMode;
  /** The core's clock: `clock.skip(ms)` makes minutes of waiting happen at once. */
  readonly clock: SkippableClock;
  readonly dataDir: string;
  /** URLs the app asked the desktop to open in a browser. */
  readonly opened: string[];
  /** Every log line the core wrote, for assertions (e.g. that no secret was logged). */
  readonly logs: string[];
  /** Adds a GitLab account through the core as the UI would, with the user's session cookie. */
  signIn(
    username?: string,
    options?: { readonly token?: 'api' | 'read_api' | null },
  ): Promise<AccountView>;
  /** Opens the renderer in the page and waits until it has loaded its state. */
  open(page: Page): Promise<void>;
}

interface Fixtures {
  gitlabOptions: GitlabDoubleOptions;
  terminalOptions: TerminalServiceOptions;
  gitlab: GitlabDouble;
  jobshell: Jobshell;
}

const RENDERER_DIR = resolve('out/renderer');

export const test = base.extend<Fixtures>({
  gitlabOptions: [{}, { option: true }],
  terminalOptions: [{}, { option: true }],
  gitlab: async ({ gitlabOptions }, use) => {
    const gitlab = await startGitlabDouble(gitlabOptions);
    await use(gitlab);
    await gitlab.close();
  },
  jobshell: async ({ gitlab, terminalOptions }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jobshell-e2e-'));
    const opened: string[] = [];
    const logs: string[] = [];
    const clock = new SkippableClock();
    const app = await startBrowserMode({
      clock,
      dataDir,
      rendererDir: RENDERER_DIR,
      version: 'e2e',
      logger: {
        log: (level: LogLevel, message, fields) => {
          logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
        },
      },
      openExternal: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      terminalOptions,
    });
    const jobshell: Jobshell = {
      app,
      clock,
      dataDir,
      opened,
      logs,
      signIn: async (username = 'alice', options = {}) => {
        const user = seedUser(gitlab, username);
        const token =
          options.token === 'api'
            ? user.token
            : options.token === 'read_api'
              ? user.read_api_token
              : undefined;
        return app.core.request('accounts.add', {
          baseUrl: gitlab.url,
          session: { kind: 'cookie', value: user.cookie },
          ...(token === undefined ? {} : { token }),
        });
      },
      open: async (page) => {
        await page.goto(app.server.url);
        await expect(page.locator('.app')).toBeVisible();
      },
    };
    await use(jobshell);
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };
