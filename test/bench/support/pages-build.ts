/** Bundles the bench pages (test/bench/pages) with esbuild into reports/bench-pages. */
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const PAGES_SRC = resolve('test/bench/pages');
export const PAGES_OUT = resolve('reports/bench-pages');

export interface BuiltPages {
  readonly dir: string;
  /** The IIFE injected into Jobshell's page. */
  readonly probeScript: string;
  /** The IIFE injected for P6's start-up stamps. */
  readonly startupScript: string;
}

/** Builds the baseline page and the Jobshell probe; fast (well under a second). */
export async function buildPages(): Promise<BuiltPages> {
  await mkdir(PAGES_OUT, { recursive: true });
  await build({
    entryPoints: {
      baseline: join(PAGES_SRC, 'baseline.ts'),
      'jobshell-probe': join(PAGES_SRC, 'jobshell-probe.ts'),
      'startup-probe': join(PAGES_SRC, 'startup-probe.ts'),
    },
    bundle: true,
    format: 'iife',
    // Like the production renderer bundle: minified, modern Chromium.
    minify: true,
    target: 'chrome120',
    outdir: PAGES_OUT,
    logLevel: 'warning',
  });
  await copyFile(join(PAGES_SRC, 'baseline.html'), join(PAGES_OUT, 'baseline.html'));
  await copyFile(resolve('node_modules/@xterm/xterm/css/xterm.css'), join(PAGES_OUT, 'xterm.css'));
  return {
    dir: PAGES_OUT,
    probeScript: join(PAGES_OUT, 'jobshell-probe.js'),
    startupScript: join(PAGES_OUT, 'startup-probe.js'),
  };
}
