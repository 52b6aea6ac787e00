/**
 * Node's implementations of the core's ports: files, HTTP(S) with the account's trust policy, TLS
 * certificate inspection and the terminal websocket (`ws`). The core never imports this folder;
 * the composition roots (Electron main, browser mode, CLI) hand these to it.
 */
import path from 'node:path';
import { HISTORY_FILE_NAME, type AppDataFiles, type NetworkAdapters } from '../core';
import { createNodeHttpTransport } from './net/node-http-transport';
import { inspectCertificate } from './net/socket-options';
import { createNodeDataFiles } from './storage/data-files';
import { createWsSocket } from './ws-socket';

export { createNodeHttpTransport } from './net/node-http-transport';
export { createNodeDataFiles } from './storage/data-files';
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

/** The attach history and the default transcripts folder in the app's data directory. */
export function nodeAppDataFiles(dataDir: string): AppDataFiles {
  return {
    files: createNodeDataFiles(),
    path: path.join(dataDir, HISTORY_FILE_NAME),
    transcriptsFolder: path.join(dataDir, 'transcripts'),
  };
}
