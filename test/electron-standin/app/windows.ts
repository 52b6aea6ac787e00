/**
 * `BrowserWindow` and `webContents` (https://www.electronjs.org/docs/latest/api/browser-window,
 * .../web-contents). State lives here; each window's page is a Playwright page that the host
 * creates in the window's session (one browser context per partition).
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { hostLink } from './host-link';
import { sessionFor, type StandinSession } from './session';
import { electronEvent, guarded, NotImplementedInStandin } from './unsupported';

interface WebPreferences {
  readonly preload?: string;
  readonly partition?: string;
  readonly session?: StandinSession;
  readonly contextIsolation?: boolean;
  readonly sandbox?: boolean;
  readonly nodeIntegration?: boolean;
}

interface WindowOptions {
  readonly width?: number;
  readonly height?: number;
  readonly x?: number;
  readonly y?: number;
  readonly show?: boolean;
  readonly title?: string;
  readonly webPreferences?: WebPreferences;
}

interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

type OpenHandler = (details: {
  url: string;
  frameName: string;
  features: string;
  disposition: string;
  referrer: { url: string; policy: string };
}) => { action: 'allow' | 'deny' };

const windows = new Map<number, StandinBrowserWindow>();
const contents = new Map<number, StandinWebContents>();
let nextWindowId = 1;
let nextContentsId = 1;
let lastWindowClosed: () => void = () => undefined;

export function onLastWindowClosed(listener: () => void): void {
  lastWindowClosed = listener;
}

export function contentsById(id: number): StandinWebContents | undefined {
  return contents.get(id);
}

/** For app.quit(): closes every window; false if one cancelled its 'close'. */
export function closeAllWindowsForQuit(): boolean {
  for (const window of [...windows.values()]) {
    if (!window.close()) return false;
  }
  return true;
}

export class StandinWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  url = '';
  openHandler: OpenHandler | null = null;

  constructor(readonly session: StandinSession) {
    super();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.url;
  }

  /** Docs, contents.send: an async message to the renderer on `channel` (structured clone). */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    hostLink().post('contents.send', { webContentsId: this.id, channel, args });
  }

  /** Docs, loadURL: resolves at 'did-finish-load', rejects at 'did-fail-load'. */
  async loadURL(url: string): Promise<void> {
    if (this.destroyed) throw new Error('Object has been destroyed');
    await hostLink().call('window.load', { webContentsId: this.id, url });
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).toString());
  }

  /** Docs, setWindowOpenHandler: called for window.open and target=_blank links. */
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }

  focus(): void {
    hostLink().post('window.focus', { webContentsId: this.id });
  }
}

export class StandinBrowserWindow extends EventEmitter {
  readonly id = nextWindowId++;
  readonly webContents: StandinWebContents;
  private visible: boolean;
  private minimized = false;
  private bounds: Rectangle;
  private title: string;
  private shownOnce = false;

  /** Docs, new BrowserWindow(options): `show` defaults to true; the session is the partition's. */
  constructor(options: WindowOptions = {}) {
    super();
    const prefs = options.webPreferences ?? {};
    if (prefs.nodeIntegration === true || prefs.contextIsolation === false) {
      // Jobshell never does this; the stand-in only models the isolated, sandboxed renderer.
      throw new NotImplementedInStandin(
        'BrowserWindow with nodeIntegration or without contextIsolation',
      );
    }
    const session = prefs.session ?? sessionFor(prefs.partition ?? '');
    this.webContents = guarded('webContents', new StandinWebContents(session));
    this.visible = options.show ?? true;
    this.title = options.title ?? '';
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    windows.set(this.id, this);
    contents.set(this.webContents.id, this.webContents);
    hostLink().post('window.create', {
      windowId: this.id,
      webContentsId: this.webContents.id,
      partition: session.partition,
      preload:
        prefs.preload === undefined
          ? null
          : { path: prefs.preload, source: readFileSync(prefs.preload, 'utf8') },
      title: this.title,
      width: this.bounds.width,
      height: this.bounds.height,
    });
    this.webContents.on('did-finish-load', () => {
      // Docs, 'ready-to-show': once, when the page has rendered and can be shown without a flash.
      if (this.shownOnce) return;
      this.shownOnce = true;
      this.emit('ready-to-show', electronEvent({}));
    });
  }

  static getAllWindows(): StandinBrowserWindow[] {
    return [...windows.values()];
  }

  static fromWebContents(target: StandinWebContents): StandinBrowserWindow | null {
    return [...windows.values()].find((w) => w.webContents.id === target.id) ?? null;
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  loadFile(path: string): Promise<void> {
    return this.webContents.loadFile(path);
  }

  isDestroyed(): boolean {
    return this.webContents.destroyed;
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
    this.emit('show', electronEvent({}));
  }

  hide(): void {
    this.visible = false;
    this.emit('hide', electronEvent({}));
  }

  isVisible(): boolean {
    return this.visible;
  }

  focus(): void {
    this.webContents.focus();
    this.emit('focus', electronEvent({}));
  }

  minimize(): void {
    this.minimized = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  isFullScreen(): boolean {
    return false;
  }

  getBounds(): Rectangle {
    return { ...this.bounds };
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): void {
    this.title = title;
  }

  /**
   * Docs, win.close(): "the same effect as a user manually clicking the close button"; 'close'
   * may be cancelled with preventDefault. Returns whether the window went (for app.quit()).
   */
  close(): boolean {
    if (this.isDestroyed()) return true;
    const event = electronEvent({});
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  /** Docs, win.destroy(): no 'close' event; 'closed' follows. */
  destroy(): void {
    if (this.isDestroyed()) return;
    hostLink().post('window.destroy', { webContentsId: this.webContents.id });
    this.gone();
  }

  /** The page went (destroyed here, or closed by the test): 'closed', then maybe the app ends. */
  gone(): void {
    if (this.webContents.destroyed) return;
    this.webContents.destroyed = true;
    windows.delete(this.id);
    contents.delete(this.webContents.id);
    this.webContents.emit('destroyed', electronEvent({}));
    this.emit('closed');
    if (windows.size === 0) lastWindowClosed();
  }

  /** Whether the window is shown, for the test (a Playwright page has no hidden state). */
  snapshot(): { visible: boolean; minimized: boolean; title: string } {
    return { visible: this.visible, minimized: this.minimized, title: this.title };
  }
}

export function windowForContents(id: number): StandinBrowserWindow | undefined {
  return [...windows.values()].find((w) => w.webContents.id === id);
}

/** Wraps each new BrowserWindow so unknown methods throw (a constructor may return a proxy). */
export const BrowserWindow = new Proxy(StandinBrowserWindow, {
  construct(target, args: [WindowOptions?]) {
    return guarded('BrowserWindow', new target(...args));
  },
  get(target, property, receiver) {
    if (typeof property === 'symbol' || property in target)
      return Reflect.get(target, property, receiver) as unknown;
    throw new NotImplementedInStandin(`BrowserWindow.${property}`);
  },
});
