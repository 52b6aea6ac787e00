/**
 * The `electron` module of the stand-in, as the app's main process imports it (the loader hook
 * in ../register.ts resolves `electron` here). It exports exactly what Jobshell uses; anything
 * else is a link error (a missing named export) or a NotImplementedInStandin naming the API.
 */
import { app } from './app';
import { dialog, nativeTheme, powerMonitor, shell } from './desktop-services';
import { hasHost } from './host-link';
import { installHostHandlers } from './host-handlers';
import { ipcMain } from './ipc-main';
import { Notification } from './notification';
import { protocol } from './protocol';
import { safeStorage } from './safe-storage';
import { session } from './session';
import { Menu, nativeImage, Tray } from './tray';
import { guarded } from './unsupported';
import { BrowserWindow } from './windows';

// Docs, process.type: 'browser' in the main process (electron-store reads it).
(process as { type?: string }).type = 'browser';
if (hasHost()) installHostHandlers();

export {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
};

const electron = guarded('electron', {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
});
export default electron;
