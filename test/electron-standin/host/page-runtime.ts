/**
 * What runs in every stand-in window before the page's own scripts (a Playwright init script):
 * it takes the window's private binding out of the page's reach, answers window.open through the
 * main process, and, for a window with a preload, runs the preload with `require('electron')`
 * giving `contextBridge` and `ipcRenderer` only, as a sandboxed preload has them
 * (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts).
 *
 * `pageRuntime` is serialized with Function.prototype.toString: it must not use anything from
 * outside its own body.
 */

export interface PageRuntimeConfig {
  /** Name of the Playwright binding to the host; removed from the page at once. */
  readonly binding: string;
  /** Name of the hidden function the host calls to deliver webContents.send messages. */
  readonly deliver: string;
}

type Preload = (
  require: (name: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
) => void;

export function pageRuntime(config: PageRuntimeConfig, preload: Preload | null): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  const call = scope[config.binding] as (message: unknown) => Promise<unknown>;
  // The page may not talk to the host itself: only through what the preload exposes.
  Reflect.deleteProperty(scope, config.binding);
  if (scope.top !== scope.self) return; // preloads run in the main frame only
  const here = (scope.location as { href: string }).href;

  const notImplemented = (api: string): Error =>
    new Error(
      `Electron stand-in: ${api} is not implemented in the renderer (test/electron-standin/README.md)`,
    );
  const guard = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        if (typeof property === 'symbol' || property in object || property === 'then')
          return Reflect.get(object, property, receiver) as unknown;
        throw notImplemented(`${name}.${property}`);
      },
    });

  // Docs, setWindowOpenHandler: window.open asks the main process. The stand-in opens no child
  // windows, so window.open returns null as a denied open does.
  const open = (url?: string | URL, target?: string, features?: string): null => {
    void call({
      kind: 'open',
      url: new URL(String(url ?? 'about:blank'), here).href,
      frameName: target ?? '',
      features: features ?? '',
    });
    return null;
  };
  Object.defineProperty(globalThis, 'open', { value: open, writable: true, configurable: true });
  if (preload === null) return;

  type Listener = (event: object, ...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = guard('ipcRenderer', {
    /** Docs, ipcRenderer.invoke: resolves with the handler's value; its error is wrapped. */
    invoke: async (channel: string, ...args: unknown[]): Promise<unknown> => {
      const reply = (await call({ kind: 'invoke', channel, args })) as
        { ok: true; value: unknown } | { ok: false; error: string };
      if (reply.ok) return reply.value;
      throw new Error(reply.error);
    },
    send: (channel: string, ...args: unknown[]): void => {
      void call({ kind: 'send', channel, args });
    },
    on: (channel: string, listener: Listener): unknown => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: Listener): unknown => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((candidate) => candidate !== listener),
      );
      return ipcRenderer;
    },
    off: (channel: string, listener: Listener): unknown =>
      ipcRenderer.removeListener(channel, listener),
    removeAllListeners: (channel: string): unknown => {
      listeners.delete(channel);
      return ipcRenderer;
    },
  });
  Object.defineProperty(globalThis, config.deliver, {
    value: (channel: string, args: unknown[]) => {
      // Docs, IpcRendererEvent: the listener gets (event, ...args).
      for (const listener of listeners.get(channel) ?? [])
        listener({ sender: ipcRenderer, senderId: 0, ports: [] }, ...args);
    },
    enumerable: false,
  });

  // Docs, contextBridge: "Function values are proxied to the other context, and all other values
  // are copied and frozen"; a key already on window cannot be overwritten.
  const bridgeCopy = (value: unknown): unknown => {
    if (typeof value === 'function') {
      const target = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => target(...args);
    }
    if (Array.isArray(value)) return Object.freeze(value.map(bridgeCopy));
    if (typeof value === 'object' && value !== null && !(value instanceof Promise)) {
      const copy: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) copy[key] = bridgeCopy(inner);
      return Object.freeze(copy);
    }
    return value;
  };
  const contextBridge = guard('contextBridge', {
    exposeInMainWorld: (apiKey: string, api: unknown): void => {
      if (apiKey in globalThis)
        throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(globalThis, apiKey, {
        value: bridgeCopy(api),
        enumerable: true,
        writable: false,
        configurable: false,
      });
    },
  });
  const electron = guard('electron', { contextBridge, ipcRenderer });
  const requireInPreload = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw notImplemented(`require('${name}') in a sandboxed preload`);
  };
  const module = { exports: {} };
  preload(requireInPreload, module, module.exports);
}

/** The init script of one window: the runtime, with the preload's CommonJS source inlined. */
export function pageScript(config: PageRuntimeConfig, preloadSource: string | null): string {
  const preload =
    preloadSource === null ? 'null' : `function (require, module, exports) {\n${preloadSource}\n}`;
  return `(${pageRuntime.toString()})(${JSON.stringify(config)}, ${preload});`;
}
