#!/usr/bin/env node
// The `jobshell` command. Runs the built CLI (out/main/cli.js) when there is one; in a checkout
// without a build it runs the TypeScript source through tsx (a devDependency), so `npx jobshell`
// works straight after `npm install`; otherwise it says how to build.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');
const source = join(root, 'src', 'cli', 'index.ts');

if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else if (existsSync(source) && (await hasTsx())) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  process.stderr.write('jobshell is not built: run npm run build first.\n');
  process.exitCode = 1;
}

/** tsx is a devDependency: present in a checkout, absent in an installed package. */
async function hasTsx() {
  try {
    await import('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}
