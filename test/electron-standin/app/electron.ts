/**
 * The `electron` module of the stand-in, as the app's main process imports it (the loader hook
 * in ../register.ts resolves `electron` here). It exports exactly what Jobshell uses (listed once,
 * in ./electron-api.ts); anything else is a link error (a missing named export) or a
 * NotImplementedInStandin naming the API.
 */
import * as api from './electron-api';
import { hasHost } from './host-link';
import { installHostHandlers } from './host-handlers';
import { guarded } from './unsupported';

// Docs, process.type: 'browser' in the main process (electron-store reads it).
(process as { type?: string }).type = 'browser';
if (hasHost()) installHostHandlers();

export * from './electron-api';

// electron-store reads app, ipcMain and shell from the default export.
const electron = guarded('electron', { ...api });
export default electron;
