/**
 * The CLI under test, bundled once per test run (a vitest global setup) instead of compiled by tsx
 * in every child process: a tsx start costs close to a second of CPU, the bundle's a tenth, and
 * the CLI tests start some thirty of them. On a loaded machine those seconds decided whether a
 * child started before its wait gave up. The bundle is built from the same sources with the
 * packages left external (resolved from the checkout's node_modules), as the shipped build does.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../../../src/cli/index.ts', import.meta.url));
/** Inside the checkout, so the bundle's bare imports find node_modules; reports/ is not tracked. */
export const CLI_BUNDLE = fileURLToPath(
  new URL('../../../reports/cli-under-test/jobshell.mjs', import.meta.url),
);

export default async function bundleCli(): Promise<void> {
  const result = await build({
    entryPoints: [ENTRY],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    write: false,
  });
  const [bundle] = result.outputFiles;
  if (bundle === undefined) throw new Error('esbuild wrote no CLI bundle');
  // Written aside, then renamed: another test run in this checkout may be starting it right now.
  await mkdir(dirname(CLI_BUNDLE), { recursive: true });
  const aside = `${CLI_BUNDLE}.${String(process.pid)}`;
  await writeFile(aside, bundle.contents);
  await rename(aside, CLI_BUNDLE);
}
