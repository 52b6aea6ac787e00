/** Driving Jobshell's real renderer in the bench browser: open, open terminals, type, wait. */
import type { Page } from '@playwright/test';
import type { JobInfo } from '../../gitlab-double';
import type { BenchWindow } from '../page-api';
import type { BenchApp } from './bench-app';
import type { BenchBrowser } from './browser';

/** Waits on the UI are for a local core and a local shell: seconds, never minutes. */
export const UI_TIMEOUT_MS = 20_000;
/** How often Playwright re-checks a buffer condition; only the setup waits poll. */
const POLL_MS = 25;

/** A page showing the production renderer, with the bench probe injected before its scripts. */
export async function openJobshellPage(
  browser: BenchBrowser,
  app: BenchApp,
  probeScript: string,
): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript({ path: probeScript });
  await page.goto(app.server.url);
  await page.locator('.app').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return page;
}

/** Opens a job's terminal through the core (what the job list's Open terminal does). */
export async function openTerminal(
  app: BenchApp,
  accountId: string,
  job: JobInfo,
): Promise<string> {
  const { sessionId } = await app.core.request('terminal.open', {
    target: { kind: 'job', accountId, projectId: job.project_id, jobId: job.id },
  });
  return sessionId;
}

/** Text of the session's xterm (scrollback + screen) through the browser-mode test hook. */
export function bufferText(page: Page, sessionId: string): Promise<string> {
  return page.evaluate(
    (id) => (globalThis as unknown as BenchWindow).__jobshellTest?.bufferText(id) ?? '',
    sessionId,
  );
}

/** Waits until the session's buffer contains `text`. */
export async function waitForText(page: Page, sessionId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ({ id, needle }) =>
      ((globalThis as unknown as BenchWindow).__jobshellTest?.bufferText(id) ?? '').includes(
        needle,
      ),
    { id: sessionId, needle: text },
    { polling: POLL_MS, timeout: UI_TIMEOUT_MS },
  );
}

/** Brings the tab to the front and puts the keyboard focus into its terminal. */
export async function focusTerminal(page: Page, sessionId: string): Promise<void> {
  await page.locator(`[role="tab"][id="tab-${sessionId}"]`).click({ timeout: UI_TIMEOUT_MS });
  await page
    .locator(`[role="tabpanel"][id="pane-${sessionId}"] .terminal-slot`)
    .click({ timeout: UI_TIMEOUT_MS });
}

/** Opens, waits for the shell prompt, focuses, and points the probe at the session. */
export async function readyTerminal(
  page: Page,
  app: BenchApp,
  accountId: string,
  job: JobInfo,
): Promise<string> {
  const sessionId = await openTerminal(app, accountId, job);
  await waitForText(page, sessionId, promptOf(job));
  await focusTerminal(page, sessionId);
  await page.evaluate((id) => (globalThis as unknown as BenchWindow).__benchWatch?.(id), sessionId);
  return sessionId;
}

/** The double's PS1 for a job. */
export function promptOf(job: JobInfo): string {
  return `job-${job.id}$ `;
}

/** Types `command` (no Enter) and waits until its echo is in the buffer and fully processed. */
export async function typeCommand(page: Page, sessionId: string, command: string): Promise<void> {
  await page.keyboard.type(command);
  await waitForText(page, sessionId, command);
  await waitQuiet(page);
}

/** Waits until every watched byte received has been processed by xterm. */
export async function waitQuiet(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const stats = (globalThis as unknown as BenchWindow).__bench?.stats();
      return stats !== undefined && stats.received === stats.processed;
    },
    undefined,
    { polling: POLL_MS, timeout: UI_TIMEOUT_MS },
  );
}

/** Columns × rows of the session's terminal, as its status line shows them. */
export async function terminalSize(
  page: Page,
  sessionId: string,
): Promise<{ cols: number; rows: number } | null> {
  const text = await page
    .locator(`[role="tabpanel"][id="pane-${sessionId}"] .status-line`)
    .textContent({ timeout: UI_TIMEOUT_MS });
  const match = /(\d+)×(\d+)/.exec(text ?? '');
  if (match === null) return null;
  return { cols: Number(match[1]), rows: Number(match[2]) };
}
