/**
 * Electron composition root: creates the platform's implementations of the core's ports, the
 * window, tray and IPC, and wires them. No product rule lives here.
 */
import { app, powerMonitor, protocol, shell, type BrowserWindow, type Rectangle } from 'electron';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import type { EventName, EventPayload } from '../shared/contract';
import type { SessionView } from '../shared/models';
import {
  composeCore,
  createStreamLogger,
  type AppCore,
  type Logger,
  type Notifier,
  type SettingsStore,
} from './core';
import { createAppTray, type AppTray } from './electron/app-tray';
import { createDesktopNotifier } from './electron/desktop-notifier';
import { createElectronSettingsStore } from './electron/electron-settings-store';
import { registerIpc } from './electron/ipc-transport';
import { launchUrlOpener } from './electron/launch-urls';
import { createMainWindow, rendererUrl, senderCheckFor } from './electron/main-window';
import { confirmQuit } from './electron/quit-confirmation';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  devServerUrlFor,
  rendererResponse,
} from './electron/renderer-source';
import { createSafeStorageSecretStore } from './electron/safe-storage-secret-store';
import { createSignInWindows } from './electron/sign-in-window';
import { hideToTrayOnClose } from './electron/tray-policy';
import { connectTrayView } from './electron/tray-view';
import { nodeAppDataFiles, nodeNetwork } from './node';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Tray icons ship as extraResources in packaged builds, and sit in assets/ in development. */
const TRAY_ICON_DIR = app.isPackaged
  ? join(process.resourcesPath, 'tray')
  : join(OUT_DIR, '..', 'assets', 'tray');
/** Tray countdowns are minutes-precise in the menu; refreshing more often only makes menus flicker. */
const TRAY_REFRESH_MS = 15_000;
const PROTOCOL = 'jobshell';

// Before ready, as Electron requires: the renderer's own privileged scheme (renderer-source.ts).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  app.setAsDefaultProtocolClient(PROTOCOL);
  await app.whenReady();
  const rendererDir = join(OUT_DIR, 'renderer');
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));

  const logger = createFileLogger();
  const store = createElectronSettingsStore();

  let window: BrowserWindow | null = null;
  let quitting = false;
  // Packaged builds load only the packaged renderer, whatever the environment says.
  const devServerUrl = devServerUrlFor(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
  const appUrl = rendererUrl({ outDir: OUT_DIR, devServerUrl });

  const notifier = createDesktopNotifier({
    onAction: (notification, action) => {
      if (action === 'focus') showWindow();
      if (notification.sessionId === null) return;
      void core
        .request('notifications.act', { notificationId: notification.id, action })
        .catch(() => undefined);
    },
  });
  const core = composeDesktopCore(logger, store, notifier);

  const showWindow = (): void => {
    if (window === null || window.isDestroyed()) {
      window = createMainWindow({
        outDir: OUT_DIR,
        devServerUrl,
        bounds: (store.read('windowBounds') as Partial<Rectangle> | undefined) ?? null,
        onBoundsChanged: (bounds) => {
          store.write('windowBounds', bounds);
        },
      });
      hideToTrayOnClose(window, { isQuitting: () => quitting, store, notifier });
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  registerIpc(
    core,
    senderCheckFor(() => window, appUrl),
    () => (window === null || window.isDestroyed() ? [] : [window.webContents]),
    logger,
  );

  let sessions: readonly SessionView[] = [];
  core.subscribe(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (name === 'sessions.changed') sessions = payload as readonly SessionView[];
    if (name === 'settings.changed') {
      app.setLoginItemSettings({
        openAtLogin: (payload as EventPayload<'settings.changed'>).startAtLogin,
      });
    }
  });
  const tray = createTray(core, showWindow, () => {
    void quitIfConfirmed();
  });
  const openLaunchUrl = launchUrlOpener(core, showWindow);
  const quitIfConfirmed = async (): Promise<void> => {
    if (!(await confirmQuit(sessions))) return;
    quitting = true;
    app.quit();
  };

  onAppEvents({
    core,
    tray,
    showWindow,
    openLaunchUrl,
    quitting: () => {
      quitting = true;
    },
  });

  await core.start();
  showWindow();
  openLaunchUrl(process.argv);
}

/** The log file in the platform's logs folder; development also echoes it to stderr. */
function createFileLogger(): Logger {
  mkdirSync(app.getPath('logs'), { recursive: true });
  const logFile = createWriteStream(join(app.getPath('logs'), 'jobshell.log'), {
    flags: 'a',
    mode: 0o600,
  });
  return createStreamLogger((line) => {
    logFile.write(line);
    if (!app.isPackaged) process.stderr.write(line);
  });
}

/** The tray icon and menu, kept up to date with the core's sessions and holds. */
function createTray(core: AppCore, showWindow: () => void, quit: () => void): AppTray {
  const tray = createAppTray({
    iconDir: TRAY_ICON_DIR,
    onShow: showWindow,
    onQuit: quit,
    onReleaseAllIdle: () => {
      void core.request('terminal.releaseAllIdle', {});
    },
    onSession: (sessionId) => {
      showWindow();
      void core.request('terminal.focus', { sessionId });
    },
  });
  const trayView = connectTrayView(core, tray, () => Date.now());
  setInterval(trayView.refresh, TRAY_REFRESH_MS).unref();
  return tray;
}

/** The app's life: other launches and jobshell:// links, quitting, waking from sleep. */
function onAppEvents(wiring: {
  readonly core: AppCore;
  readonly tray: AppTray;
  readonly showWindow: () => void;
  readonly openLaunchUrl: (argv: readonly string[]) => void;
  /** Quitting for real from now on: a closed window no longer hides to the tray. */
  readonly quitting: () => void;
}): void {
  const { core, tray, showWindow, openLaunchUrl } = wiring;
  app.on('second-instance', (_event, argv) => {
    showWindow();
    openLaunchUrl(argv);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLaunchUrl([url]);
  });
  app.on('activate', showWindow);
  app.on('before-quit', wiring.quitting);
  app.on('will-quit', () => {
    tray.destroy();
    void core.dispose();
  });
  // After sleep the terminals' sockets may be dead and every timer is late: check once (F13).
  powerMonitor.on('resume', () => {
    core.resumed();
  });
  // The tray keeps the app alive when every window is closed (on every platform).
  app.on('window-all-closed', () => undefined);
}

/** The core with the desktop's ports: safeStorage secrets, sign-in windows, the user's browser. */
function composeDesktopCore(logger: Logger, store: SettingsStore, notifier: Notifier): AppCore {
  const secrets = createSafeStorageSecretStore({
    path: join(app.getPath('userData'), 'secrets.json'),
    store,
    logger,
  });
  return composeCore({
    version,
    mode: 'electron',
    platform: process.platform,
    secrets,
    store,
    logger,
    webSignIn: createSignInWindows(logger),
    openExternal: (url) => shell.openExternal(url),
    notifier,
    network: nodeNetwork(),
    dataFiles: nodeAppDataFiles(app.getPath('userData')),
  });
}
