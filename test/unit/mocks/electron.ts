/**
 * The `electron` module as unit tests see it (vitest aliases `electron` here). Plain Node cannot
 * load Electron, so each API the glue uses has a small, controllable stand-in. Tests steer it
 * through `electronMock` and call `resetElectronMock()` in `beforeEach`.
 *
 * Extending: add the API you need as another named export (and to the default export), keep its
 * state in `electronMock`, and reset it in `resetElectronMock`.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type StorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export interface MockCookie {
  readonly name: string;
  readonly value: string;
  readonly domain?: string;
  readonly path?: string;
}

/** Certificate verification request as Electron's `setCertificateVerifyProc` receives it (subset). */
export interface MockVerifyRequest {
  readonly hostname: string;
  readonly certificate: { readonly data: string };
  readonly verificationResult: string;
  readonly errorCode: number;
}

export type MockVerifyProc = (request: MockVerifyRequest, callback: (code: number) => void) => void;

/** A partition's session: cookies per URL origin, and a record of what was cleared or set. */
export class MockSession {
  readonly cookieJar = new Map<string, MockCookie[]>();
  storageCleared = 0;
  cacheCleared = 0;
  proxyRules: string | null = null;
  verifyProc: MockVerifyProc | null = null;
  permissionHandler: unknown = null;

  constructor(readonly partition: string) {}

  readonly cookies = {
    get: (filter: { url?: string }): Promise<MockCookie[]> => {
      const origin = filter.url === undefined ? '' : new URL(filter.url).origin;
      return Promise.resolve([...(this.cookieJar.get(origin) ?? [])]);
    },
  };

  /** Test helper: GitLab "sets" cookies for an origin. */
  setCookies(url: string, cookies: readonly MockCookie[]): void {
    this.cookieJar.set(new URL(url).origin, [...cookies]);
  }

  clearStorageData(): Promise<void> {
    this.storageCleared += 1;
    this.cookieJar.clear();
    return Promise.resolve();
  }

  clearCache(): Promise<void> {
    this.cacheCleared += 1;
    return Promise.resolve();
  }

  setProxy(config: { proxyRules?: string }): Promise<void> {
    this.proxyRules = config.proxyRules ?? null;
    return Promise.resolve();
  }

  setCertificateVerifyProc(proc: MockVerifyProc | null): void {
    this.verifyProc = proc;
  }

  setPermissionRequestHandler(handler: unknown): void {
    this.permissionHandler = handler;
  }

  permissionCheckHandler: unknown = null;

  setPermissionCheckHandler(handler: unknown): void {
    this.permissionCheckHandler = handler;
  }
}

/** Navigation event object Electron passes to `will-navigate` handlers. */
export interface MockNavigationEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export class MockWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  loadedUrls: string[] = [];
  readonly id: number;

  constructor(
    readonly session: MockSession,
    id: number,
  ) {
    super();
    this.id = id;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }

  /** Test helper: the page tries to navigate; returns whether it was allowed. */
  attemptNavigation(
    url: string,
    kind: 'will-navigate' | 'will-redirect' = 'will-navigate',
  ): boolean {
    const event: MockNavigationEvent = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit(kind, event, url);
    return !event.defaultPrevented;
  }

  /** Test helper: a main-frame navigation finished. */
  navigated(url: string): void {
    this.emit('did-navigate', {}, url, 200, 'OK');
  }
}

let nextWindowId = 1;

export class BrowserWindow extends EventEmitter {
  readonly webContents: MockWebContents;
  readonly options: Record<string, unknown>;
  readonly id: number;
  destroyed = false;
  shown = false;
  focused = 0;
  title = '';

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.id = nextWindowId++;
    const prefs = (options.webPreferences ?? {}) as { partition?: string };
    this.webContents = new MockWebContents(sessionFor(prefs.partition ?? 'default'), this.id);
    this.title = typeof options.title === 'string' ? options.title : '';
    electronMock.windows.push(this);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  show(): void {
    this.shown = true;
  }

  focus(): void {
    this.focused += 1;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }

  destroy(): void {
    this.close();
  }

  setMenuBarVisibility(_visible: boolean): void {
    // No menu bar in tests.
  }
}

function sessionFor(partition: string): MockSession {
  let existing = electronMock.sessions.get(partition);
  if (existing === undefined) {
    existing = new MockSession(partition);
    electronMock.sessions.set(partition, existing);
  }
  return existing;
}

export const session = {
  fromPartition: (partition: string): MockSession => sessionFor(partition),
  get defaultSession(): MockSession {
    return sessionFor('default');
  },
};

/** Reversible, visibly fake "encryption": enough to prove the glue never writes plain text. */
export const safeStorage = {
  isEncryptionAvailable: (): boolean => electronMock.encryptionAvailable,
  isAsyncEncryptionAvailable: (): Promise<boolean> =>
    Promise.resolve(electronMock.encryptionAvailable),
  getSelectedStorageBackend: (): StorageBackend => electronMock.storageBackend,
  encryptString: (plain: string): Buffer => fakeEncrypt(plain),
  encryptStringAsync: (plain: string): Promise<Buffer> =>
    Promise.resolve().then(() => fakeEncrypt(plain)),
  decryptString: (cipher: Buffer): string => fakeDecrypt(cipher),
  decryptStringAsync: (cipher: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> =>
    Promise.resolve().then(() => ({ shouldReEncrypt: false, result: fakeDecrypt(cipher) })),
  setUsePlainTextEncryption: (_usePlainText: boolean): void => {
    // Not used by the glue.
  },
};

function fakeEncrypt(plain: string): Buffer {
  if (!electronMock.encryptionAvailable) throw new Error('Encryption is not available.');
  return Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('hex')}`, 'utf8');
}

function fakeDecrypt(cipher: Buffer): string {
  const text = cipher.toString('utf8');
  if (!text.startsWith('enc:')) {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  }
  return Buffer.from(text.slice(4), 'hex').toString('utf8');
}

export const app = {
  getPath: (_name: string): string => electronMock.userData(),
  getVersion: (): string => '0.0.0-test',
  getName: (): string => 'jobshell-test',
  isPackaged: false,
  on: (): void => undefined,
  whenReady: (): Promise<void> => Promise.resolve(),
};

export const ipcMain = Object.assign(new EventEmitter(), {
  handle: (): void => undefined,
  removeHandler: (): void => undefined,
});

export const shell = {
  openExternal: (url: string): Promise<void> => {
    electronMock.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath: (): Promise<string> => Promise.resolve(''),
};

/** State tests steer and inspect. */
export const electronMock = {
  encryptionAvailable: true,
  storageBackend: 'gnome_libsecret' as StorageBackend,
  windows: [] as BrowserWindow[],
  sessions: new Map<string, MockSession>(),
  openedExternally: [] as string[],
  userDataDir: null as string | null,
  userData(): string {
    this.userDataDir ??= mkdtempSync(join(tmpdir(), 'jobshell-electron-mock-'));
    return this.userDataDir;
  },
};

/** Back to a machine with a working keyring, no windows, no sessions. */
export function resetElectronMock(): void {
  electronMock.encryptionAvailable = true;
  electronMock.storageBackend = 'gnome_libsecret';
  electronMock.windows = [];
  electronMock.sessions.clear();
  electronMock.openedExternally = [];
  electronMock.userDataDir = null;
}

export default { app, BrowserWindow, ipcMain, safeStorage, session, shell };

export {
  Menu,
  Notification,
  Tray,
  nativeImage,
  resetShellUiMock,
  shellUiMock,
} from './electron-shell-ui';
