/**
 * `app` (https://www.electronjs.org/docs/latest/api/app): lifecycle events in the documented
 * order, paths, the single-instance lock, protocol-client registration, login items.
 */
import { EventEmitter } from 'node:events';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { hasHost, hostLink } from './host-link';
import { electronEvent, guarded } from './unsupported';
import { closeAllWindowsForQuit, onLastWindowClosed } from './windows';

interface AppPackage {
  readonly name: string;
  readonly version: string;
  readonly productName?: string;
}

/** The app's folder: where its package.json is (Electron takes it from the command line). */
function appPath(): string {
  const fromEnv = process.env.ELECTRON_STANDIN_APP_PATH;
  if (fromEnv !== undefined) return resolve(fromEnv);
  let dir = dirname(resolve(process.argv[1] ?? '.'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function readPackage(dir: string): AppPackage {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as AppPackage;
}

/** Chromium's `--user-data-dir=` switch, which Electron honours for the userData path. */
function userDataSwitch(): string | null {
  const flag = process.argv.find((arg) => arg.startsWith('--user-data-dir='));
  return flag === undefined ? null : resolve(flag.slice('--user-data-dir='.length));
}

class StandinApp extends EventEmitter {
  readonly isPackaged = false;
  private readonly dir = appPath();
  private readonly pkg = readPackage(this.dir);
  private readonly paths = new Map<string, string>();
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private quitting = false;
  private handoff: Promise<void> = Promise.resolve();
  private singleton: Server | null = null;
  private lockFile: string | null = null;
  readonly protocolClients = new Set<string>();
  loginItem = { openAtLogin: false };

  constructor() {
    super();
    // Docs, app 'will-finish-launching': on Linux it is the same moment as 'ready'. Emitted
    // after the main script's first turn, as Electron does once its own startup is done.
    this.readyPromise = new Promise((done) => {
      setImmediate(() => {
        this.emit('will-finish-launching');
        this.ready = true;
        this.emit('ready', electronEvent({}), {});
        if (hasHost()) hostLink().post('lifecycle', { event: 'ready' });
        done();
      });
    });
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getName(): string {
    return this.pkg.productName ?? this.pkg.name;
  }

  getVersion(): string {
    return this.pkg.version;
  }

  getAppPath(): string {
    return this.dir;
  }

  /** Docs, app.getPath(name): Linux locations; an unknown name throws, as Electron does. */
  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set !== undefined) return set;
    const appData = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
    const userData = userDataSwitch() ?? join(appData, this.getName());
    switch (name) {
      case 'home':
        return homedir();
      case 'appData':
        return appData;
      case 'userData':
      case 'sessionData':
        return userData;
      case 'temp':
        return tmpdir();
      case 'exe':
        return process.execPath;
      case 'module':
        return process.execPath;
      // Docs: "logs — Directory for your app's log folder" (userData/logs on Linux).
      case 'logs':
        return join(userData, 'logs');
      case 'crashDumps':
        return join(userData, 'Crashpad');
      default:
        throw new Error(`Failed to get '${name}' path`);
    }
  }

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }

  /** Docs, setAsDefaultProtocolClient: registers this executable for `protocol://` links. */
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.protocolClients.add(protocol);
    return true;
  }

  isDefaultProtocolClient(protocol: string): boolean {
    return this.protocolClients.has(protocol);
  }

  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    this.loginItem = { openAtLogin: settings.openAtLogin ?? false };
  }

  getLoginItemSettings(): { openAtLogin: boolean } {
    return { ...this.loginItem };
  }

  /**
   * Docs, requestSingleInstanceLock: the first instance holds the lock; a later one gets false
   * and its argv reaches the first as 'second-instance' (after the first's 'ready'). Like
   * Chromium's ProcessSingleton on Linux, a lock file and a socket live in userData.
   */
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const lockPath = join(dir, 'SingletonLock');
    const socketPath = join(dir, 'SingletonSocket');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(lockPath, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.lockFile = lockPath;
        this.listenForSecondInstances(socketPath);
        if (hasHost()) hostLink().post('single-instance', { primary: true });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(lockPath, 'utf8'));
        if (processAlive(owner)) {
          this.handoff = sendToPrimary(socketPath, {
            argv: process.argv,
            workingDirectory: process.cwd(),
            additionalData: additionalData ?? null,
          });
          if (hasHost()) hostLink().post('single-instance', { primary: false });
          return false;
        }
        rmSync(lockPath, { force: true }); // stale: its owner is gone
      }
    }
    return false;
  }

  private listenForSecondInstances(socketPath: string): void {
    rmSync(socketPath, { force: true });
    const server = createServer((socket) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => {
        const message = JSON.parse(text) as {
          argv: string[];
          workingDirectory: string;
          additionalData: unknown;
        };
        void this.whenReady().then(() => {
          this.emit(
            'second-instance',
            electronEvent({}),
            message.argv,
            message.workingDirectory,
            message.additionalData,
          );
        });
      });
    });
    server.listen(socketPath);
    server.unref();
    this.singleton = server;
  }

  /**
   * Docs, app.quit(): 'before-quit' first, then every window is closed (a window that cancels
   * its 'close' cancels the quit), then 'will-quit', then 'quit'; 'window-all-closed' is not
   * emitted on this path.
   */
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    void this.handoff.finally(() => {
      const before = electronEvent({});
      this.emit('before-quit', before);
      if (before.defaultPrevented || !closeAllWindowsForQuit()) {
        this.quitting = false;
        return;
      }
      const willQuit = electronEvent({});
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) {
        this.quitting = false;
        return;
      }
      this.emit('quit', electronEvent({}), 0);
      this.exit(0);
    });
  }

  isQuitting(): boolean {
    return this.quitting;
  }

  /** Docs, app.exit(code): exits at once, without asking windows or emitting quit events. */
  exit(code = 0): void {
    this.singleton?.close();
    if (this.lockFile !== null) rmSync(this.lockFile, { force: true });
    if (hasHost()) {
      void hostLink()
        .call('lifecycle', { event: 'exit' })
        .catch(() => undefined)
        .finally(() => process.exit(code));
    } else {
      process.exit(code);
    }
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sendToPrimary(socketPath: string, message: object): Promise<void> {
  return new Promise((done) => {
    const socket = createConnection(socketPath, () => {
      socket.end(JSON.stringify(message));
    });
    socket.on('close', () => {
      done();
    });
    socket.on('error', () => {
      done();
    });
  });
}

const instance = new StandinApp();

/**
 * Docs, 'window-all-closed': without a listener, closing the last window quits the app; with
 * one, the app decides. Not emitted while quitting.
 */
onLastWindowClosed(() => {
  if (instance.isQuitting()) return;
  if (instance.listenerCount('window-all-closed') === 0) instance.quit();
  else instance.emit('window-all-closed');
});

export const app = guarded('app', instance);
