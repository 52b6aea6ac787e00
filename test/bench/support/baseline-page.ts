/** Driving the baseline page (test/bench/pages/baseline.ts) like jobshell-page.ts drives Jobshell. */
import type { Page } from '@playwright/test';
import type { JobInfo } from '../../gitlab-double';
import type { BenchWindow } from '../page-api';
import type { BenchBrowser } from './browser';
import { UI_TIMEOUT_MS, waitQuiet } from './jobshell-page';

/** How often Playwright re-checks the buffer during setup waits. */
const POLL_MS = 25;

export type BaselineMode = 'bytes' | 'text' | 'direct';

/** The xterm options Jobshell's terminal has, so both pages draw the same amount of text. */
export interface TerminalLook {
  readonly cols: number;
  readonly rows: number;
  readonly scrollback: number;
  readonly fontSize: number;
  readonly fontFamily: string;
}

/** Opens the baseline page for a job (or, in direct mode, for the preloaded flood). */
export async function openBaselinePage(
  browser: BenchBrowser,
  origin: string,
  mode: BaselineMode,
  look: TerminalLook,
  job: JobInfo | null,
): Promise<Page> {
  const query = new URLSearchParams({
    mode,
    cols: String(look.cols),
    rows: String(look.rows),
    scrollback: String(look.scrollback),
    fontSize: String(look.fontSize),
    fontFamily: look.fontFamily,
    path: job === null ? '' : new URL(job.web_url).pathname,
  });
  const page = await browser.newPage();
  await page.goto(`${origin}/baseline.html?${query.toString()}`);
  await page.waitForFunction(
    () => (globalThis as unknown as BenchWindow).__benchReady !== undefined,
  );
  await page.evaluate(() => (globalThis as unknown as BenchWindow).__benchReady);
  return page;
}

/** Waits until the baseline terminal's last lines contain `text`. */
export async function waitForBaselineText(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (needle) => ((globalThis as unknown as BenchWindow).__bench?.text?.() ?? '').includes(needle),
    text,
    { polling: POLL_MS, timeout: UI_TIMEOUT_MS },
  );
}

/** Types `command` (no Enter) into the baseline terminal and waits for its processed echo. */
export async function typeBaselineCommand(page: Page, command: string): Promise<void> {
  await page.keyboard.type(command);
  await waitForBaselineText(page, command);
  await waitQuiet(page);
}
