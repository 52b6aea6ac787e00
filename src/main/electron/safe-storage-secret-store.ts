/**
 * Secrets encrypted by the OS keyring through Electron's safeStorage, stored as base64 ciphertext
 * in a 0600 JSON file. On Linux without a keyring, safeStorage falls back to its `basic_text`
 * backend (a fixed key: not real protection). Then nothing is written unless the user opted in;
 * secrets stay in memory and the info says why.
 */
import { safeStorage } from 'electron';
import { ContractError } from '../../shared/contract';
import type { SecretStorageInfo } from '../../shared/models';
import {
  createMemorySecretStore,
  type Logger,
  type SecretStore,
  type SettingsStore,
} from '../core';
import { openStringMapFile, stringEntries, type FileLayout } from '../node';

/** SettingsStore key where the user's "store without a keyring anyway" choice is remembered. */
export const ALLOW_PLAIN_TEXT_KEY = 'secrets.allowPlainText';

const FILE_VERSION = 1;

export interface SafeStorageSecretStoreOptions {
  /** The ciphertext file, e.g. `<userData>/secrets.json`. */
  readonly path: string;
  readonly logger: Logger;
  /** Where the plain-text opt-in is read from (key ALLOW_PLAIN_TEXT_KEY). */
  readonly store?: SettingsStore;
  /** Overrides the stored opt-in (tests, command-line flag). */
  readonly allowPlainText?: boolean;
  /** Defaults to process.platform. */
  readonly platform?: string;
}

type Mode = 'keyring' | 'opted-in-plain' | 'memory-only';

/** Creates the store; call after Electron's `ready` (safeStorage needs it). */
export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const mode = chooseMode(options);
  const info = infoFor(mode, options.path);
  options.logger.log(mode === 'keyring' ? 'info' : 'warn', 'secret storage selected', {
    mode,
    backend: linuxBackend(options.platform ?? process.platform),
  });
  if (mode !== 'memory-only') return encryptedFile(options, info);
  // Without a keyring: memory now, and the user may choose the unencrypted file later.
  const memory = createMemorySecretStore(info);
  const heldKeys = new Set<string>();
  let current: SecretStore = memory;
  const canOptIn = linuxBackend(options.platform ?? process.platform) === 'basic_text';
  return {
    get info() {
      return current.info;
    },
    get: (key) => current.get(key),
    set: async (key, value) => {
      await current.set(key, value);
      heldKeys.add(key);
    },
    delete: async (key) => {
      await current.delete(key);
      heldKeys.delete(key);
    },
    ...(canOptIn
      ? {
          optInToUnencrypted: async () => {
            if (current !== memory) return;
            const file = encryptedFile(options, infoFor('opted-in-plain', options.path));
            for (const key of heldKeys) {
              const value = await memory.get(key);
              if (value !== null) await file.set(key, value);
            }
            options.store?.write(ALLOW_PLAIN_TEXT_KEY, true);
            current = file;
            options.logger.log('warn', 'secret storage: the user chose unencrypted storage', {
              path: options.path,
            });
          },
        }
      : {}),
  };
}

function chooseMode(options: SafeStorageSecretStoreOptions): Mode {
  const backend = linuxBackend(options.platform ?? process.platform);
  // macOS Keychain and Windows DPAPI are always there; on Linux only a named keyring counts
  // ('unknown' means safeStorage was asked before `ready`: do not guess).
  const realKeyring =
    backend === null ||
    (backend !== 'basic_text' && backend !== 'unknown' && backend !== 'unavailable');
  if (realKeyring) return 'keyring';
  // Not even the fallback can encrypt: memory is the only honest place.
  if (backend === 'unavailable') return 'memory-only';
  const optedIn = options.allowPlainText ?? options.store?.read(ALLOW_PLAIN_TEXT_KEY) === true;
  return optedIn ? 'opted-in-plain' : 'memory-only';
}

function linuxBackend(platform: string): string | null {
  if (platform !== 'linux') return null;
  // Chromium picks the Linux keyring lazily, at the first encryption call; the synchronous check
  // forces that choice so the backend name is real (the async API cannot answer synchronously,
  // and the storage info must be known when the core starts).
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
  return safeStorage.getSelectedStorageBackend();
}

function infoFor(mode: Mode, path: string): SecretStorageInfo {
  switch (mode) {
    case 'keyring':
      return { kind: 'os-keyring', encrypted: true, warning: null };
    case 'opted-in-plain':
      return {
        kind: 'plain-file',
        encrypted: false,
        warning: `No OS keyring (such as GNOME Keyring or KWallet) was found. As you chose, credentials are stored in ${path} without real encryption; only your user account can read the file.`,
      };
    case 'memory-only':
      return {
        kind: 'memory',
        encrypted: false,
        warning:
          'No OS keyring (such as GNOME Keyring or KWallet) was found, so credentials cannot be stored encrypted. They are kept in memory only and you will sign in again after a restart, unless you choose to store them unencrypted.',
      };
  }
}

function encryptedFile(
  options: SafeStorageSecretStoreOptions,
  info: SecretStorageInfo,
): SecretStore {
  const file = openStringMapFile(options.path, CIPHERTEXT_LAYOUT);
  return {
    info,
    get: async (key) => {
      const cipher = await file.get(key);
      if (cipher === null) return null;
      try {
        return (await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'))).result;
      } catch (error) {
        // A keyring that changed (new machine, reset) cannot decrypt: the account signs in again.
        options.logger.log('warn', 'could not decrypt a stored secret', {
          key,
          error: String(error),
        });
        return null;
      }
    },
    set: async (key, value) => {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new ContractError(
          'unavailable',
          'The OS keyring is not available right now, so the credentials could not be stored; unlock it and try again.',
        );
      }
      const cipher = await safeStorage.encryptStringAsync(value);
      await file.set(key, cipher.toString('base64'));
    },
    delete: file.delete,
  };
}

/** The keyring store's file: `{version, entries: {key: base64 ciphertext}}`. */
const CIPHERTEXT_LAYOUT: FileLayout = {
  decode: (value, path) => {
    const entries =
      typeof value === 'object' && value !== null
        ? (value as { entries?: unknown }).entries
        : undefined;
    if (typeof entries !== 'object' || entries === null) {
      throw new Error(
        `The secret file ${path} has an unknown format; move it away to start afresh.`,
      );
    }
    return stringEntries(entries);
  },
  encode: (entries) => ({ version: FILE_VERSION, entries: Object.fromEntries(entries) }),
};
