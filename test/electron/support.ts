import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron binary's path, or why there is none. It reads what `require('electron')` would,
 * without requiring it: since Electron 45 that call starts a download, which cannot work here.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const packageDir = join('node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const path =
    override !== undefined
      ? join(override, executable ?? 'electron')
      : executable === null
        ? null
        : join(packageDir, 'dist', executable);
  if (path !== null && existsSync(path)) return { path };
  return {
    missing:
      'no Electron binary is installed on this machine (node_modules/electron has no dist/; it cannot be downloaded here). ' +
      'Run `npx install-electron` where the network allows, or set ELECTRON_OVERRIDE_DIST_PATH.',
  };
}
