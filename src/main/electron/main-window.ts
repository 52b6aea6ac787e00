/**
 * The main window: sandboxed, isolated, no Node in the page, navigation and new windows denied,
 * links opened only through the validated external handler.
 */
import { BrowserWindow, shell, type Rectangle, type WebContents } from 'electron';
import { join } from 'node:path';
import { validateExternalUrl } from '../core';
import type { SenderCheck } from './ipc-transport';
import { APP_INDEX_URL, originOf } from './renderer-source';
import { hardenedWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  readonly outDir: string;
  /** Dev server URL from electron-vite in development only (see renderer-source.ts). */
  readonly devServerUrl: string | undefined;
  readonly bounds: Partial<Rectangle> | null;
  readonly onBoundsChanged: (bounds: Rectangle) => void;
}

/** Smallest window in which the job list and one 80-column terminal still fit side by side. */
const MIN_WIDTH = 900;
const MIN_HEIGHT = 560;
const DEFAULT_WIDTH = 1280;
const DEFAULT_HEIGHT = 800;

/**
 * The URL the renderer is loaded from; IPC trusts only frames at this address. The packaged
 * renderer is served from `app://jobshell` (renderer-source.ts), never from file://.
 */
export function rendererUrl(options: Pick<MainWindowOptions, 'outDir' | 'devServerUrl'>): string {
  return options.devServerUrl ?? APP_INDEX_URL;
}

/** Creates the window with Jobshell's security defaults. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: options.bounds?.width ?? DEFAULT_WIDTH,
    height: options.bounds?.height ?? DEFAULT_HEIGHT,
    ...(options.bounds?.x === undefined ? {} : { x: options.bounds.x }),
    ...(options.bounds?.y === undefined ? {} : { y: options.bounds.y }),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Jobshell',
    webPreferences: hardenedWebPreferences({
      preload: join(options.outDir, 'preload', 'index.cjs'),
    }),
  });
  const url = rendererUrl(options);
  lockDown(window.webContents, url);
  window.once('ready-to-show', () => {
    window.show();
  });
  const saveBounds = (): void => {
    if (!window.isMinimized() && !window.isFullScreen())
      options.onBoundsChanged(window.getBounds());
  };
  window.on('resized', saveBounds);
  window.on('moved', saveBounds);
  void window.loadURL(url);
  return window;
}

/** Denies navigation away from the app and every new window; http(s) links go to the browser. */
function lockDown(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, target) => {
    if (target !== appUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    try {
      void shell.openExternal(validateExternalUrl(url));
    } catch {
      // Not an http(s) link: refused, like every other window.open.
    }
    return { action: 'deny' };
  });
  const appOrigin = originOf(appUrl);
  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    // In-app toasts are enough; clipboard access stays with explicit user paste.
    callback(permission === 'notifications' && originOf(details.requestingUrl) === appOrigin);
  });
  // Checks (navigator.permissions, Notification.permission) get the same answer as requests.
  contents.session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      permission === 'notifications' && originOf(requestingOrigin) === appOrigin,
  );
}

/** IPC trusts only the main frame of this window, at the renderer's own URL. */
export function senderCheckFor(getWindow: () => BrowserWindow | null, appUrl: string): SenderCheck {
  return (event) => {
    const window = getWindow();
    if (window === null || window.isDestroyed()) return false;
    return event.sender.id === window.webContents.id && event.senderFrame?.url === appUrl;
  };
}
