/**
 * Node's implementations of the core's ports: files, HTTP(S) with the account's trust policy, TLS
 * certificate inspection and the terminal websocket (`ws`). The core never imports this folder;
 * the composition roots (Electron main, browser mode, CLI) hand these to it.
 */
import type { NetworkAdapters } from '../core';
import { createNodeHttpTransport } from './net/node-http-transport';
import { inspectCertificate } from './net/socket-options';
import { createWsSocket } from './ws-socket';

export { createNodeHttpTransport } from './net/node-http-transport';
export { createFileSecretStore } from './storage/file-secret-store';
export { createJsonSettingsStore } from './storage/json-settings-store';
export { openStringMapFile, stringEntries, type FileLayout } from './storage/string-map-file';
export { createWsSocket } from './ws-socket';

/** The core's network over Node; `http` may be replaced (tests, benchmarks). */
export function nodeNetwork(http = createNodeHttpTransport()): NetworkAdapters {
  return {
    http,
    createSocket: createWsSocket,
    inspectCertificate: (url, network, clock) => inspectCertificate(url, network, { clock }),
  };
}
