import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium; Playwright's own browser downloads are not possible on these machines. */
export const CHROMIUM_PATH = process.env.JOBSHELL_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium quiet on a machine without a network or GPU. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumLaunchOptions(): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
}

/** Why the end-to-end tests cannot run here, or null when they can. */
export function missingPrerequisite(): string | null {
  if (!existsSync(CHROMIUM_PATH)) {
    return `No Chromium at ${CHROMIUM_PATH}. Install Debian's: sudo apt-get install chromium (or set JOBSHELL_CHROMIUM to another Chromium binary).`;
  }
  if (!existsSync('out/renderer/index.html')) {
    return 'The renderer bundle is missing: run `npm run build` first (npm test does this for you).';
  }
  return null;
}
