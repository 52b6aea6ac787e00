/**
 * Jobshell in browser mode for the benchmarks: the production `composeCore` and bridge server,
 * put together as `startBrowserMode` does (src/main/web/browser-mode.ts), with two observers that
 * change nothing: a wrapper of the injected terminal socket factory (what crosses the core's own
 * terminal sockets) and a wrapper of the core endpoint the bridge calls (the renderer's acks as
 * they reach the core). Together they give the core's unacknowledged bytes per session.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CoreEndpoint } from '../../../src/shared/contract';
import type { AccountView } from '../../../src/shared/models';
import type { AppCore } from '../../../src/main/core/app-core';
import { composeCore } from '../../../src/main/core/compose';
import type { Logger, Notifier } from '../../../src/main/core/ports';
import { createFileSecretStore } from '../../../src/main/node/storage/file-secret-store';
import { createJsonSettingsStore } from '../../../src/main/node/storage/json-settings-store';
import { nodeNetwork } from '../../../src/main/node';
import { startWebServer, type WebServer } from '../../../src/main/web/web-server';
import { seedUser } from '../../gitlab-double/core/seed-user';
import type { DoubleProcess } from './double-process';
import { createSocketTap, type SocketTap } from './socket-tap';

/** The production renderer bundle (`npm run bench` builds it first); overridable for bench work. */
export const RENDERER_DIR = resolve(process.env.JOBSHELL_BENCH_RENDERER_DIR ?? 'out/renderer');

export type AckListener = (sessionId: string, bytes: number) => void;

export interface BenchApp {
  readonly core: AppCore;
  readonly server: WebServer;
  readonly tap: SocketTap;
  /** Observes every `terminal.ack` the renderer sends, as the core receives it. */
  listenAcks(listener: AckListener): () => void;
  /** Warnings and errors the core logged (a benchmark may report them). */
  readonly problems: string[];
  /** Milliseconds spent in composeCore() and the core's start(). */
  readonly coreInitMs: number;
  close(): Promise<void>;
}

const quietNotifier: Notifier = { show: () => undefined, close: () => undefined };

/** Starts core + bridge server in this process, in `dataDir` (kept) or a fresh one (removed). */
export async function startBenchApp(
  options: { readonly dataDir?: string } = {},
): Promise<BenchApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'jobshell-bench-')));
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const problems: string[] = [];
  const logger: Logger = {
    log: (level, message) => {
      if (level === 'warn' || level === 'error') problems.push(`${level}: ${message}`);
    },
  };
  const tap = createSocketTap();
  const startedAt = performance.now();
  const core = composeCore({
    version: 'bench',
    mode: 'browser',
    platform: process.platform,
    secrets: createFileSecretStore(join(dataDir, 'secrets.json')),
    store: createJsonSettingsStore(join(dataDir, 'settings.json')),
    logger,
    notifier: quietNotifier,
    webSignIn: null,
    openExternal: () => Promise.resolve(),
    network: nodeNetwork(),
    terminalOptions: { createSocket: tap.factory },
  });
  await core.start();
  const coreInitMs = performance.now() - startedAt;
  const ackListeners = new Set<AckListener>();
  const observed: CoreEndpoint = {
    request: (method, params) => core.request(method, params),
    notify: (name, params) => {
      core.notify(name, params);
      if (name !== 'terminal.ack') return;
      const ack = params as { readonly sessionId: string; readonly bytes: number };
      for (const listener of ackListeners) listener(ack.sessionId, ack.bytes);
    },
    subscribe: (listener) => core.subscribe(listener),
  };
  const server = await startWebServer({ core: observed, rendererDir: RENDERER_DIR, logger });
  return {
    core,
    server,
    tap,
    listenAcks: (listener) => {
      ackListeners.add(listener);
      return () => {
        ackListeners.delete(listener);
      };
    },
    problems,
    coreInitMs,
    close: async () => {
      await server.close();
      await core.dispose();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs alice in with her session cookie, as the e2e fixtures do. */
export function signInAlice(app: BenchApp, double: DoubleProcess): Promise<AccountView> {
  const alice = seedUser(double, 'alice');
  return app.core.request('accounts.add', {
    baseUrl: double.url,
    session: { kind: 'cookie', value: alice.cookie },
  });
}
