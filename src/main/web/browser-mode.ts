/**
 * Browser mode composed: the core with Node implementations of the ports, served to a browser
 * over the loopback bridge. Used by `npm run web`, the end-to-end tests and the benchmarks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  composeCore,
  type AppCore,
  type Clock,
  type HttpTransport,
  type Logger,
  type Notifier,
  type TerminalServiceOptions,
} from '../core';
import {
  createFileSecretStore,
  createJsonSettingsStore,
  nodeAppDataFiles,
  nodeNetwork,
} from '../node';
import { startWebServer, type WebServer } from './web-server';

export interface BrowserModeOptions {
  readonly dataDir: string;
  readonly rendererDir: string;
  readonly version: string;
  readonly logger: Logger;
  readonly port?: number;
  readonly token?: string;
  /** How "open in browser" reaches the user's browser; tests record instead. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly http?: HttpTransport;
  readonly clock?: Clock;
  readonly terminalOptions?: TerminalServiceOptions;
}

export interface BrowserMode {
  readonly core: AppCore;
  readonly server: WebServer;
  close(): Promise<void>;
}

/** Desktop notifications are the Electron shell's; in a browser they arrive as in-app toasts. */
const toastOnlyNotifier: Notifier = { show: () => undefined, close: () => undefined };

/** Starts the core and the bridge server; the caller prints or opens `server.url`. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const core = composeCore({
    version: options.version,
    mode: 'browser',
    platform: process.platform,
    secrets: createFileSecretStore(join(options.dataDir, 'secrets.json')),
    store: createJsonSettingsStore(join(options.dataDir, 'settings.json')),
    logger: options.logger,
    notifier: toastOnlyNotifier,
    webSignIn: null,
    openExternal: options.openExternal,
    network: nodeNetwork(options.http),
    dataFiles: nodeAppDataFiles(options.dataDir),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.terminalOptions === undefined ? {} : { terminalOptions: options.terminalOptions }),
  });
  await core.start();
  const server = await startWebServer({
    core,
    rendererDir: options.rendererDir,
    logger: options.logger,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  return {
    core,
    server,
    close: async () => {
      await server.close();
      await core.dispose();
    },
  };
}
