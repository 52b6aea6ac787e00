// @ts-check
/**
 * `npm start`: builds, then runs the desktop app. Where no Electron binary exists (it cannot be
 * downloaded on every machine), it says so and starts browser mode instead, so the command works
 * everywhere and never pretends.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const build = spawnSync('npx', ['electron-vite', 'build'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (build.status !== 0) process.exit(build.status ?? 1);

/** Same lookup as `require('electron')`, without its download attempt. */
function electronPath() {
  const pathFile = join('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const electron = electronPath();
const args = process.argv.slice(2);
const child = electron
  ? spawn(electron, ['.', ...args], { stdio: 'inherit' })
  : (console.log(
      'No Electron binary is installed here (it is downloaded on first use and this machine cannot reach it).\n' +
        'Starting Jobshell in browser mode instead: open the address below in your browser.\n',
    ),
    spawn(process.execPath, ['out/main/web.js', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => child.kill(signal));
}
