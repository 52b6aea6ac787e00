/**
 * One desktop suite, two back-ends: the real Electron binary through Playwright's `_electron`
 * where one is installed, and the Electron stand-in (test/electron-standin) everywhere, which runs
 * the same built main process and preload with Chromium for the windows.
 */
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { StandinApplication, type KeyringBackend } from '../electron-standin/host/standin-app';
import { electronBinary } from './support';

export type Backend = 'standin' | 'electron';

export interface DesktopApp {
  readonly backend: Backend;
  firstWindow(): Promise<Page>;
  /** The next window the app opens. */
  waitForWindow(): Promise<Page>;
  /** Quits the app (app.quit()) and waits until it has exited. */
  close(): Promise<void>;
  /** The OS side (tray, notifications, dialogs, second instances): the stand-in only. */
  readonly standin: StandinApplication | null;
}

export interface DesktopOptions {
  readonly args?: readonly string[];
  /** What the stand-in's safeStorage finds (a real machine decides this for real Electron). */
  readonly keyring?: KeyringBackend;
}

/** The back-ends this machine can run: always the stand-in, Electron where a binary exists. */
export function desktopBackends(): Backend[] {
  return 'path' in electronBinary() ? ['standin', 'electron'] : ['standin'];
}

function fromElectron(app: ElectronApplication): DesktopApp {
  return {
    backend: 'electron',
    firstWindow: () => app.firstWindow(),
    waitForWindow: () => app.waitForEvent('window'),
    close: () => app.close(),
    standin: null,
  };
}

function fromStandin(app: StandinApplication): DesktopApp {
  return {
    backend: 'standin',
    firstWindow: () => app.firstWindow(),
    waitForWindow: () => app.waitForWindow(),
    close: () => app.close(),
    standin: app,
  };
}

export async function launchDesktop(
  backend: Backend,
  options: DesktopOptions = {},
): Promise<DesktopApp> {
  const args = options.args ?? [];
  if (backend === 'standin')
    return fromStandin(
      StandinApplication.launch({
        args,
        ...(options.keyring === undefined ? {} : { keyring: options.keyring }),
      }),
    );
  const binary = electronBinary();
  if (!('path' in binary)) throw new Error(binary.missing);
  return fromElectron(await electron.launch({ executablePath: binary.path, args: ['.', ...args] }));
}
