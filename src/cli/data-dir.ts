/**
 * Where `jobshell` keeps the attach history: the desktop app's data directory, so `jobshell
 * history` shows the app's sessions and the app's History view shows `attach` sessions.
 * JOBSHELL_DATA_DIR (also read by `npm run web`) points both elsewhere.
 */
import path from 'node:path';

export const DATA_DIR_ENV = 'JOBSHELL_DATA_DIR';
/** electron-builder's productName: Electron names its userData folder after it. */
/** Electron names the app's data folder after package.json's name (no productName there). */
const APP_FOLDER = 'jobshell';

/** The data directory for this user and platform (Electron's `userData` rules). */
export function cliDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  home: string,
): string {
  const explicit = env[DATA_DIR_ENV];
  if (explicit !== undefined && explicit !== '') return explicit;
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  const config = env.XDG_CONFIG_HOME;
  return path.join(
    config !== undefined && config !== '' ? config : path.join(home, '.config'),
    APP_FOLDER,
  );
}
