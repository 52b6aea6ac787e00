/**
 * `node --import tsx --import ./test/electron-standin/register.ts out/main/index.js`: from here on
 * `import … from 'electron'` (the app's, and electron-store's) resolves to the stand-in.
 */
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url, {
  data: { electron: new URL('./app/electron.ts', import.meta.url).href },
});
