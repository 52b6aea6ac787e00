/**
 * The Electron API the stand-in models, each name once, from the module that implements it.
 * electron.ts exports these as the `electron` module's named exports and, guarded, as its default.
 */
export { app } from './app';
export { dialog, nativeTheme, powerMonitor, shell } from './desktop-services';
export { ipcMain } from './ipc-main';
export { Notification } from './notification';
export { protocol } from './protocol';
export { safeStorage } from './safe-storage';
export { session } from './session';
export { Menu, nativeImage, Tray } from './tray';
export { BrowserWindow } from './windows';
