/**
 * `npm run screenshots`: the README's pictures, taken from a real run so they stay true. Starts
 * the GitLab double and browser mode in this process, drives the real renderer bundle in Chromium
 * at 1280×800 (light and dark), and writes PNGs. Needs `npm run build` first (the npm script does).
 *
 *   npm run screenshots                      # README set into docs/screenshots/
 *   npm run screenshots -- --out DIR --all   # every screen, e.g. for a review
 *   npm run screenshots -- --out DIR --only shortcuts
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../src/main/web/browser-mode';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from '../test/gitlab-double';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';

type Theme = 'light' | 'dark';

interface Scene {
  readonly name: string;
  /** Part of the README set (else only with --all). */
  readonly readme: boolean;
  readonly run: (stage: Stage, page: Page) => Promise<void>;
}

interface Stage {
  readonly gitlab: GitlabDouble;
  readonly app: BrowserMode;
}

const VIEWPORT = { width: 1280, height: 800 } as const;
/** The smallest idle threshold the settings allow, so the held-open alert comes quickly. */
const IDLE_THRESHOLD_S = 10;
/** A held alert appears one idle threshold after the hold begins; allow for a busy machine. */
const HELD_ALERT_TIMEOUT_MS = 60_000;
/** Extra running jobs beside the double's seed, so the list looks like a real day. */
const EXTRA_JOBS = [
  ['acme/platform/api', 'rspec 2/4'],
  ['acme/platform/api', 'rspec 3/4'],
  ['acme/platform/api', 'rspec 4/4'],
  ['acme/platform/web', 'e2e:firefox'],
  ['acme/platform/web', 'lint:css'],
  ['acme/tools/deploy', 'terraform plan'],
] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, all: { type: 'boolean' }, only: { type: 'string' } },
  });
  const out = resolve(values.out ?? 'docs/screenshots');
  await mkdir(out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const chosen = SCENES.filter((s) =>
      values.only === undefined ? values.all === true || s.readme : s.name === values.only,
    );
    if (chosen.length === 0) throw new Error(`No scene named ${values.only ?? ''}`);
    for (const scene of chosen) {
      for (const theme of ['light', 'dark'] as const) {
        const path = join(out, `${scene.name}-${theme}.png`);
        await shoot(browser, scene, theme, path);
        console.log(`wrote ${path}`);
      }
    }
  } finally {
    await browser.close();
  }
}

/** Each picture gets a fresh double and core, so one scene's state never leaks into another. */
async function shoot(browser: Browser, scene: Scene, theme: Theme, path: string): Promise<void> {
  const gitlab = await startGitlabDouble({});
  const dataDir = await mkdtemp(join(tmpdir(), 'jobshell-shots-'));
  const app = await startBrowserMode({
    dataDir,
    rendererDir: resolve('out/renderer'),
    version: 'screenshots',
    logger: { log: () => undefined },
    openExternal: () => Promise.resolve(),
  });
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: theme });
  try {
    const page = await context.newPage();
    await scene.run({ gitlab, app }, page);
    await page.mouse.move(0, VIEWPORT.height - 1);
    await page.screenshot({ path });
  } finally {
    await context.close();
    await app.close();
    await gitlab.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function signInAlice(stage: Stage): Promise<void> {
  const alice = stage.gitlab.info.users.find((u) => u.username === 'alice');
  if (alice === undefined) throw new Error('The double seeds no alice');
  await stage.app.core.request('accounts.add', {
    baseUrl: stage.gitlab.url,
    session: { kind: 'cookie', value: alice.cookie },
    token: alice.token,
  });
}

function addJobs(stage: Stage): void {
  for (const [path, name] of EXTRA_JOBS) {
    const project = stage.gitlab.info.projects.find((p) => p.path_with_namespace === path);
    stage.gitlab.createJob({ user: 'alice', name, mode: 'shell', project: project?.id ?? 41 });
  }
}

async function openApp(stage: Stage, page: Page): Promise<void> {
  await page.goto(stage.app.server.url);
  await page.locator('.app').waitFor();
}

async function jobList(stage: Stage, page: Page): Promise<void> {
  addJobs(stage);
  await signInAlice(stage);
  await openApp(stage, page);
  await page.getByRole('listitem', { name: 'rspec 4/4 in acme/platform/api' }).waitFor();
  await page.getByRole('listitem', { name: 'build:gpu in acme/platform/api' }).click();
}

/**
 * Opens a job's terminal and types a command so the picture shows a live shell; `prepare` runs
 * first (e.g. opening the log pane and syncing the shell's size to the narrower terminal).
 */
async function openTerminal(
  stage: Stage,
  page: Page,
  name: string,
  prepare: (pane: Locator) => Promise<void> = () => Promise.resolve(),
): Promise<string> {
  const job = stage.gitlab.createJob({ user: 'alice', name, mode: 'shell' });
  const connected = waitForEvent(stage.gitlab, 'terminal-connected', (e) => e.jobId === job.id);
  const { sessionId } = await stage.app.core.request('terminal.open', {
    target: { kind: 'url', url: job.web_url },
  });
  await connected;
  const pane = page.locator(`[id="pane-${sessionId}"]`);
  await pane.locator('.xterm-rows', { hasText: `job-${job.id}$` }).waitFor();
  await prepare(pane);
  await pane.locator('.terminal-slot').click();
  await page.keyboard.type(
    'ls -C -w 58 --color=always /usr/share | head -12 && echo "ready for debugging"',
  );
  await page.keyboard.press('Enter');
  await pane.locator('.xterm-rows', { hasText: 'ready for debugging' }).last().waitFor();
  return sessionId;
}

async function terminalWithLog(stage: Stage, page: Page): Promise<void> {
  await jobList(stage, page);
  await openTerminal(stage, page, 'rspec 1/4', async (pane) => {
    await pane.getByRole('button', { name: 'Log' }).click();
    await pane.locator('.log-slot').getByText('Running with').first().waitFor();
    await pane.getByRole('button', { name: 'size differs: Sync size' }).click();
    await pane.locator('.xterm-rows', { hasText: 'stty cols' }).waitFor();
    await page.keyboard.type('clear');
    await page.keyboard.press('Enter');
  });
}

async function heldAlert(stage: Stage, page: Page): Promise<void> {
  await stage.app.core.request('settings.update', { idleThresholdS: IDLE_THRESHOLD_S });
  await jobList(stage, page);
  const sessionId = await openTerminal(stage, page, 'integration');
  const session = (await stage.app.core.request('terminal.list', {})).find(
    (s) => s.id === sessionId,
  );
  if (session === undefined) throw new Error('The session vanished');
  stage.gitlab.endScript(session.jobId);
  await page
    .locator('.toast', { hasText: 'is held open by your terminal' })
    .waitFor({ timeout: HELD_ALERT_TIMEOUT_MS });
}

const SCENES: readonly Scene[] = [
  { name: 'job-list', readme: true, run: jobList },
  { name: 'terminal-log', readme: true, run: terminalWithLog },
  { name: 'held-alert', readme: true, run: heldAlert },
  {
    name: 'welcome',
    readme: false,
    run: async (stage, page) => {
      await openApp(stage, page);
    },
  },
  {
    name: 'add-account-errors',
    readme: false,
    run: async (stage, page) => {
      await openApp(stage, page);
      await page.getByRole('button', { name: 'Add account' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add GitLab account' });
      await dialog.getByRole('textbox', { name: /^GitLab URL/ }).fill('ftp://gitlab.example.com');
      await dialog.getByRole('textbox', { name: /^Session cookie/ }).fill('_gitlab_session=0123');
      await dialog.getByRole('button', { name: 'Add account' }).click();
      await dialog.locator('.field-error').first().waitFor();
    },
  },
  {
    name: 'shortcuts',
    readme: false,
    run: async (stage, page) => {
      await jobList(stage, page);
      await page.keyboard.press('F1');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    },
  },
  {
    name: 'settings',
    readme: false,
    run: async (stage, page) => {
      await jobList(stage, page);
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    },
  },
  {
    name: 'paste-box-error',
    readme: false,
    run: async (stage, page) => {
      await jobList(stage, page);
      const box = page.getByRole('textbox', { name: 'Job URL' });
      await box.fill('not a url');
      await box.press('Enter');
      await page.locator('#open-url-error').waitFor();
    },
  },
];

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
