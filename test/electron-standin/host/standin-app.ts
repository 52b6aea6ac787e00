/**
 * Starts the real, built main process (out/main/index.js) under plain Node with `electron`
 * resolved to the stand-in, and gives the test what a user and the OS would see: the windows
 * (Playwright pages), the tray, notifications, message boxes, URLs opened in the browser.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createLink, type Link } from '../link';
import type {
  Control,
  DialogAnswer,
  DialogRequest,
  NotificationState,
  ToApp,
  ToHost,
  TrayState,
  Wire,
} from '../protocol';
import { BrowserSide } from './browser-side';

export type KeyringBackend = 'gnome_libsecret' | 'kwallet5' | 'basic_text' | 'unavailable';

export interface StandinLaunchOptions {
  /** Command-line arguments after the script (e.g. `--user-data-dir=…`, a `jobshell://` link). */
  readonly args?: readonly string[];
  /** What safeStorage finds on this "machine" (default gnome_libsecret: a real keyring). */
  readonly keyring?: KeyringBackend;
  readonly env?: Readonly<Record<string, string>>;
  /** Default: out/main/index.js of the working directory. */
  readonly mainScript?: string;
}

interface PendingDialog {
  readonly request: DialogRequest;
  readonly answer: (answer: DialogAnswer) => void;
}

/** How long close() lets app.quit() run before it ends the process (cleanup only). */
const QUIT_GRACE_MS = 10_000;

const REGISTER = fileURLToPath(new URL('../register.ts', import.meta.url));

export class StandinApplication extends EventEmitter {
  readonly logs: string[] = [];
  readonly opened: string[] = [];
  readonly lifecycle: string[] = [];
  tray: TrayState | null = null;
  private readonly notificationStates = new Map<number, NotificationState>();
  private readonly dialogs: PendingDialog[] = [];
  readonly exited: Promise<number | null>;
  private hasExited = false;
  private readonly browserSide: BrowserSide;

  private constructor(
    private readonly child: ChildProcess,
    private readonly link: Link<ToApp, ToHost>,
  ) {
    super();
    this.browserSide = new BrowserSide(link, (error) => this.logs.push(`host: ${String(error)}`));
    this.browserSide.install();
    this.browserSide.on('window', (page: Page) => this.emit('window', page));
    this.exited = new Promise((done) => {
      child.on('exit', (code) => {
        this.hasExited = true;
        link.close('the app has exited');
        void this.browserSide.close().finally(() => {
          this.emit('exit', code);
          done(code);
        });
      });
    });
    this.record();
  }

  static launch(options: StandinLaunchOptions = {}): StandinApplication {
    const child = fork(
      resolve(options.mainScript ?? 'out/main/index.js'),
      [...(options.args ?? [])],
      {
        execArgv: ['--import', 'tsx', '--import', REGISTER],
        env: {
          ...process.env,
          ...options.env,
          ELECTRON_STANDIN_KEYRING: options.keyring ?? 'gnome_libsecret',
          ELECTRON_STANDIN_HOST: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
      },
    );
    const link = createLink<ToApp, ToHost>(
      {
        send: (message) => {
          // After the app's exit a late reply has nowhere to go.
          if (child.connected) child.send(message, () => undefined);
        },
        onMessage: (listener) => {
          child.on('message', (message) => {
            listener(message as Wire);
          });
        },
      },
      () => undefined,
    );
    const app = new StandinApplication(child, link);
    const lines = (): ((chunk: Buffer) => void) => {
      let partial = '';
      return (chunk) => {
        const parts = (partial + chunk.toString('utf8')).split('\n');
        partial = parts.pop() ?? ''; // a line the next chunk completes
        for (const line of parts.filter((text) => text !== '')) {
          app.logs.push(line);
          app.emit('log', line);
        }
      };
    };
    child.stdout?.on('data', lines());
    child.stderr?.on('data', lines());
    return app;
  }

  // ---- windows --------------------------------------------------------------------------

  windows(): Page[] {
    return this.browserSide.pages();
  }

  /** The first window (Playwright's ElectronApplication.firstWindow). */
  async firstWindow(): Promise<Page> {
    const existing = this.windows()[0];
    if (existing !== undefined) return existing;
    return this.waitForWindow();
  }

  /** The next window the app opens. */
  waitForWindow(): Promise<Page> {
    return new Promise((done, fail) => {
      const onWindow = (page: Page): void => {
        this.off('exit', onExit);
        done(page);
      };
      const onExit = (): void => {
        this.off('window', onWindow);
        fail(new Error(`The app exited before opening a window:\n${this.logs.join('\n')}`));
      };
      this.once('window', onWindow);
      this.once('exit', onExit);
    });
  }

  /** The user clicks the window's close button (docs: win.close() has the same effect). */
  async closeWindow(page: Page): Promise<void> {
    await this.control({
      op: 'window.close',
      webContentsId: this.browserSide.webContentsIdOf(page),
    });
  }

  // ---- tray -----------------------------------------------------------------------------

  /** Resolves once the tray satisfies `predicate` (checked at every tray change). */
  waitForTray(predicate: (tray: TrayState) => boolean): Promise<TrayState> {
    return this.waitFor('tray', () =>
      this.tray !== null && predicate(this.tray) ? this.tray : null,
    );
  }

  async clickTray(): Promise<void> {
    await this.control({ op: 'tray.click' });
  }

  async chooseTrayItem(label: string | RegExp): Promise<void> {
    await this.control({ op: 'tray.menu', label });
  }

  // ---- notifications --------------------------------------------------------------------

  notifications(): NotificationState[] {
    return [...this.notificationStates.values()];
  }

  waitForNotification(predicate: (n: NotificationState) => boolean): Promise<NotificationState> {
    return this.waitFor('notification', () => this.notifications().find(predicate) ?? null);
  }

  async clickNotification(id: number): Promise<void> {
    await this.control({ op: 'notification.click', id });
  }

  /** Presses the notification's action button labelled `label`. */
  async notificationAction(id: number, label: string): Promise<void> {
    const index = this.notificationStates.get(id)?.actions.indexOf(label) ?? -1;
    if (index < 0) throw new Error(`Notification ${id} has no action "${label}"`);
    await this.control({ op: 'notification.action', id, index });
  }

  async dismissNotification(id: number): Promise<void> {
    await this.control({ op: 'notification.dismiss', id });
  }

  // ---- dialogs, OS ----------------------------------------------------------------------

  /** The next message box the app shows (or the one already waiting). */
  waitForDialog(): Promise<DialogRequest> {
    return this.waitFor('dialog', () => this.dialogs[0]?.request ?? null);
  }

  /** Presses the button labelled `button` in the oldest open message box. */
  answerDialog(button: string): void {
    const pending = this.dialogs.shift();
    if (pending === undefined) throw new Error('No message box is open');
    const response = pending.request.buttons.indexOf(button);
    if (response < 0) throw new Error(`The message box has no button "${button}"`);
    pending.answer({ response, checkboxChecked: false });
  }

  async emitPowerEvent(
    event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen',
  ): Promise<void> {
    await this.control({ op: 'power', event });
  }

  async setSystemTheme(dark: boolean): Promise<void> {
    await this.control({ op: 'theme', dark });
  }

  /** The next (or an earlier) line of the app's stdout/stderr that contains `text`. */
  waitForLog(text: string): Promise<string> {
    return this.waitFor('log', () => this.logs.find((line) => line.includes(text)) ?? null);
  }

  // ---- lifetime -------------------------------------------------------------------------

  get running(): boolean {
    return !this.hasExited;
  }

  /** Quits like Playwright's ElectronApplication.close(): app.quit(), then waits for the exit. */
  async close(): Promise<void> {
    if (this.hasExited) return;
    await this.control({ op: 'app.quit' }).catch(() => undefined);
    // A window that cancels its 'close' cancels the quit: then the process is ended, so a
    // failing test never leaves an app (and its Chromium) behind.
    const forced = setTimeout(() => this.child.kill('SIGKILL'), QUIT_GRACE_MS);
    await this.exited;
    clearTimeout(forced);
  }

  /** Sends app.quit() as the app's own Quit would, without waiting for the exit. */
  async quit(): Promise<void> {
    await this.control({ op: 'app.quit' });
  }

  private async control(action: Control): Promise<void> {
    await this.link.call('control', action);
  }

  private waitFor<T>(event: string, check: () => T | null): Promise<T> {
    const now = check();
    if (now !== null) return Promise.resolve(now);
    return new Promise((done, fail) => {
      const onChange = (): void => {
        const value = check();
        if (value === null) return;
        this.off(event, onChange);
        this.off('exit', onExit);
        done(value);
      };
      const onExit = (): void => {
        this.off(event, onChange);
        fail(new Error(`The app exited while the test waited for a ${event}`));
      };
      this.on(event, onChange);
      this.once('exit', onExit);
    });
  }

  private record(): void {
    const { link } = this;
    link.handle('tray', (state) => {
      this.tray = state;
      this.emit('tray', state);
      return null;
    });
    link.handle('notification', (state) => {
      this.notificationStates.set(state.id, state);
      this.emit('notification', state);
      return null;
    });
    link.handle(
      'dialog',
      (request) =>
        new Promise<DialogAnswer>((answer) => {
          this.dialogs.push({ request, answer });
          this.emit('dialog', request);
        }),
    );
    link.handle('shell.openExternal', ({ url }) => {
      this.opened.push(url);
      this.emit('opened', url);
      return null;
    });
    link.handle('lifecycle', ({ event }) => {
      this.lifecycle.push(event);
      this.emit('lifecycle', event);
      return null;
    });
    link.handle('single-instance', ({ primary }) => {
      this.lifecycle.push(primary ? 'single-instance:primary' : 'single-instance:second');
      return null;
    });
  }
}
