/**
 * The boundary lint itself: the repository's real ESLint config, fed planted imports. Type-aware
 * rules are switched off (the planted files exist nowhere), the boundary rules are syntactic.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BOUNDARY_RULES = new Set(['jobshell/layer-boundaries', 'no-restricted-imports']);

const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

/** The boundary complaints about one import planted in a file at `path`. */
async function complaints(path: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${specifier}';\n`, {
    filePath: join(ROOT, path),
  });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId !== null && BOUNDARY_RULES.has(message.ruleId))
    .map((message) => message.message);
}

describe('layer boundaries (eslint.config.js)', () => {
  it.each([
    ['renderer into main', 'src/renderer/components/planted.tsx', '../../main/core/app-core'],
    ['renderer into preload', 'src/renderer/planted.ts', '../preload/index'],
    ['renderer to electron', 'src/renderer/planted.ts', 'electron'],
    ['renderer to node', 'src/renderer/planted.ts', 'node:fs'],
    ['core into electron glue', 'src/main/core/planted.ts', '../electron/main-window'],
    ['core into node adapters', 'src/main/core/terminal/planted.ts', '../../node/ws-socket'],
    ['core into browser mode', 'src/main/core/planted.ts', '../web/web-server'],
    ['core to ws', 'src/main/core/planted.ts', 'ws'],
    ['core to node:fs', 'src/main/core/planted.ts', 'node:fs'],
    ['core to electron', 'src/main/core/planted.ts', 'electron'],
    ['shared into core', 'src/shared/planted.ts', '../main/core/ports'],
    ['shared to node', 'src/shared/planted.ts', 'node:path'],
    ['CLI past the core entry', 'src/cli/planted.ts', '../main/core/accounts/cookies'],
    ['CLI past the node entry', 'src/cli/planted.ts', '../main/node/ws-socket'],
    ['CLI into electron glue', 'src/cli/planted.ts', '../main/electron/app-tray'],
    ['browser mode into electron glue', 'src/main/web/planted.ts', '../electron/app-tray'],
    ['browser mode past the core entry', 'src/main/web/planted.ts', '../core/compose'],
    ['Electron main past the core entry', 'src/main/index.ts', './core/hold/tray-model'],
    ['Electron glue into browser mode', 'src/main/electron/planted.ts', '../web/web-server'],
    ['preload into core', 'src/preload/planted.ts', '../main/core'],
    ['node adapters into electron glue', 'src/main/node/planted.ts', '../electron/app-tray'],
    ['node adapters to electron', 'src/main/node/planted.ts', 'electron'],
    ['anything into tests', 'src/main/core/planted.ts', '../../../test/unit/support/fake-clock'],
  ])('refuses %s', async (_name, path, specifier) => {
    expect(await complaints(path, specifier)).not.toEqual([]);
  });

  it.each([
    ['CLI through the core entry', 'src/cli/planted.ts', '../main/core'],
    ['CLI through the node entry', 'src/cli/planted.ts', '../main/node/index'],
    ['browser mode through the entries', 'src/main/web/planted.ts', '../core/index'],
    ['Electron main through the core entry', 'src/main/index.ts', './core'],
    ['node adapters into core ports', 'src/main/node/planted.ts', '../core/ports'],
    ['core within core', 'src/main/core/terminal/planted.ts', '../ports'],
    ['core to node:crypto', 'src/main/core/planted.ts', 'node:crypto'],
    ['core to shared', 'src/main/core/terminal/planted.ts', '../../../shared/terminal-grammar'],
    ['renderer to shared', 'src/renderer/terminal/planted.ts', '../../shared/terminal-grammar'],
    ['preload to shared', 'src/preload/planted.ts', '../shared/contract'],
  ])('allows %s', async (_name, path, specifier) => {
    expect(await complaints(path, specifier)).toEqual([]);
  });
});
