/** Headless Chromium for the benchmarks, and the helpers every benchmark needs around a page. */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';
import { wallNow } from './wall-clock';

/** A laptop-sized window: the terminal pane gets roughly what a user sees. */
export const VIEWPORT = { width: 1280, height: 800 } as const;
/** Round trips used to estimate the page clock's offset; the tightest one wins. */
const CLOCK_SAMPLES = 15;

export interface BenchBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Console errors and page errors seen so far (e.g. xterm's "write data discarded"). */
  readonly pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Debian's Chromium with the e2e flags. */
export async function launchBrowser(): Promise<BenchBrowser> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const context = await browser.newContext({ viewport: VIEWPORT });
  const pageErrors: string[] = [];
  return {
    browser,
    context,
    pageErrors,
    newPage: async () => {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          pageErrors.push(message.text());
        }
      });
      return page;
    },
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}

export interface ClockOffset {
  /** page wall clock − Node wall clock, in ms. */
  readonly offsetMs: number;
  /** Half the tightest round trip: how far off the offset may be. */
  readonly uncertaintyMs: number;
}

/**
 * Estimates how far the page's wall clock is from this process's: both derive from the system
 * clock, so this is usually well under a millisecond, but it is measured, not assumed.
 */
export async function measureClockOffset(page: Page): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < CLOCK_SAMPLES; i += 1) {
    const before = wallNow();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallNow();
    const half = (after - before) / 2;
    if (half < best.uncertaintyMs)
      best = { offsetMs: pageTime - (before + half), uncertaintyMs: half };
  }
  return best;
}

/** Page errors that mean xterm dropped data. */
export function discardErrors(errors: readonly string[]): string[] {
  return errors.filter((e) => e.includes('write data discarded'));
}
