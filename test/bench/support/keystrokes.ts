/** Timed keystrokes: one key at a time, each waiting for its echo to be processed by xterm. */
import type { Page } from '@playwright/test';
import type { BenchWindow, NextResult } from '../page-api';
import { UI_TIMEOUT_MS } from './jobshell-page';

/** Letters only: each echoes as exactly itself, one byte, in one frame. */
const KEYS = 'abcdefghijklmnopqrstuvwxyz';
/** Clear the line now and then so readline never has to redraw a wrapped line. */
const KEYS_PER_LINE = 40;

export interface KeystrokeHooks {
  /** Called before each measured key (e.g. to clear Node-side stamps). */
  before?(): void;
  /** Called with each measured key's page-side result. */
  after?(result: NextResult): void;
}

/** Presses `count` keys in the focused terminal; returns each key's page-side timings. */
export async function timedKeystrokes(
  page: Page,
  count: number,
  hooks: KeystrokeHooks = {},
): Promise<NextResult[]> {
  const results: NextResult[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i > 0 && i % KEYS_PER_LINE === 0) await pressAndWait(page, 'Control+U');
    hooks.before?.();
    const result = await pressAndWait(page, KEYS[i % KEYS.length] ?? 'a');
    hooks.after?.(result);
    results.push(result);
  }
  await pressAndWait(page, 'Control+U');
  return results;
}

async function pressAndWait(page: Page, key: string): Promise<NextResult> {
  await page.evaluate(() => {
    (globalThis as unknown as BenchWindow).__bench?.armNext();
  });
  await page.keyboard.press(key);
  return page.evaluate((timeout) => {
    const bench = (globalThis as unknown as BenchWindow).__bench;
    if (bench === undefined) throw new Error('The bench meter is not in this page');
    return bench.nextResult(timeout);
  }, UI_TIMEOUT_MS);
}
