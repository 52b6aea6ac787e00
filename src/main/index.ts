/**
 * Electron composition root: creates the platform's implementations of the core's ports, the
 * window, tray and IPC, and wires them. No product rule lives here.
 */
import { app, dialog, shell, type BrowserWindow, type Rectangle } from 'electron';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import type { EventName, EventPayload } from '../shared/contract';
import type { SessionView } from '../shared/models';
import { composeCore } from './core/compose';
import { HISTORY_FILE_NAME } from './core/history/history-file';
import { deriveTray } from './core/hold/tray-model';
import { findLaunchUrl } from './core/jobs/launch-url';
import { createStreamLogger } from './core/logging';
import { createAppTray, type AppTray } from './electron/app-tray';
import { createDesktopNotifier } from './electron/desktop-notifier';
import { createElectronSettingsStore } from './electron/electron-settings-store';
import { registerIpc } from './electron/ipc-transport';
import { createMainWindow, rendererUrl, senderCheckFor } from './electron/main-window';
import { createSafeStorageSecretStore } from './electron/safe-storage-secret-store';
import { createSignInWindows } from './electron/sign-in-window';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Tray icons ship as extraResources in packaged builds, and sit in assets/ in development. */
const TRAY_ICON_DIR = app.isPackaged
  ? join(process.resourcesPath, 'tray')
  : join(OUT_DIR, '..', 'assets', 'tray');
/** Tray countdowns are minutes-precise in the menu; refreshing more often only makes menus flicker. */
const TRAY_REFRESH_MS = 15_000;
const PROTOCOL = 'jobshell';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  app.setAsDefaultProtocolClient(PROTOCOL);
  await app.whenReady();

  mkdirSync(app.getPath('logs'), { recursive: true });
  const logFile = createWriteStream(join(app.getPath('logs'), 'jobshell.log'), {
    flags: 'a',
    mode: 0o600,
  });
  const logger = createStreamLogger((line) => {
    logFile.write(line);
    if (!app.isPackaged) process.stderr.write(line);
  });
  const store = createElectronSettingsStore();
  const secrets = createSafeStorageSecretStore({
    path: join(app.getPath('userData'), 'secrets.json'),
    store,
    logger,
  });

  let window: BrowserWindow | null = null;
  let quitting = false;
  let toldAboutTray = store.read('toldAboutTray') === true;
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
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
  const core = composeCore({
    version,
    mode: 'electron',
    platform: process.platform,
    secrets,
    store,
    logger,
    webSignIn: createSignInWindows(logger),
    openExternal: (url) => shell.openExternal(url),
    notifier,
    historyPath: join(app.getPath('userData'), HISTORY_FILE_NAME),
  });

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
      window.on('close', (event) => {
        if (quitting) return;
        // Closing the window keeps Jobshell (and its terminals) running in the tray.
        event.preventDefault();
        window?.hide();
        if (!toldAboutTray) {
          toldAboutTray = true;
          store.write('toldAboutTray', true);
          notifyInTray(
            'Jobshell keeps running in the tray, with your terminals. Quit it from the tray menu.',
          );
        }
      });
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const notifyInTray = (body: string): void => {
    notifier.show({
      id: 'tray-hint',
      kind: 'summary',
      title: 'Jobshell is still running',
      body,
      sessionId: null,
      actions: [],
    });
  };

  registerIpc(
    core,
    senderCheckFor(() => window, appUrl),
    () => (window === null || window.isDestroyed() ? [] : [window.webContents]),
    logger,
  );

  let sessions: readonly SessionView[] = [];
  const tray: AppTray = createAppTray({
    iconDir: TRAY_ICON_DIR,
    onShow: showWindow,
    onQuit: () => {
      void confirmQuit();
    },
    onReleaseAllIdle: () => {
      void core.request('terminal.releaseAllIdle', {});
    },
    onSession: (sessionId) => {
      showWindow();
      void core.request('terminal.focus', { sessionId });
    },
  });
  const renderTray = (): void => {
    tray.update(deriveTray(sessions, Date.now()));
  };
  core.subscribe(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (name === 'sessions.changed') {
      sessions = payload as readonly SessionView[];
      renderTray();
    }
    if (name === 'settings.changed') {
      app.setLoginItemSettings({
        openAtLogin: (payload as EventPayload<'settings.changed'>).startAtLogin,
      });
    }
  });
  setInterval(renderTray, TRAY_REFRESH_MS).unref();
  renderTray();

  const openLaunchUrl = (argv: readonly string[]): void => {
    const url = findLaunchUrl(argv);
    if (url === null) return;
    showWindow();
    core.request('terminal.open', { target: { kind: 'url', url } }).catch((error: unknown) => {
      void dialog.showMessageBox({
        type: 'warning',
        message: 'Could not open that job',
        detail: String(error),
      });
    });
  };

  const confirmQuit = async (): Promise<void> => {
    const open = sessions.filter((s) => s.state.kind !== 'closed').length;
    if (open > 0) {
      const { response } = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Quit', 'Cancel'],
        defaultId: 1,
        message: `Quit Jobshell and close ${open} terminal${open === 1 ? '' : 's'}?`,
        detail: 'Closing a terminal ends its shell; a job held open by it finishes at once.',
      });
      if (response !== 0) return;
    }
    quitting = true;
    app.quit();
  };

  app.on('second-instance', (_event, argv) => {
    showWindow();
    openLaunchUrl(argv);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLaunchUrl([url]);
  });
  app.on('activate', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    tray.destroy();
    void core.dispose();
  });
  // The tray keeps the app alive when every window is closed (on every platform).
  app.on('window-all-closed', () => undefined);

  await core.start();
  showWindow();
  openLaunchUrl(process.argv);
}
