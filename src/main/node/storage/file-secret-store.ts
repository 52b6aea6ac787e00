/**
 * Secrets in a JSON file readable only by the user (0600). Honest about it: the info says the file
 * is not encrypted. Used by browser mode, the CLI and tests, where no OS keyring is available.
 */
import type { SecretStorageInfo } from '../../../shared/models';
import type { SecretStore } from '../../core/ports';
import { openStringMapFile, stringEntries, type FileLayout } from './string-map-file';

/** The SecretStorageInfo of a plain-file store at `path`. */
export function plainFileInfo(path: string): SecretStorageInfo {
  return {
    kind: 'plain-file',
    encrypted: false,
    warning: `Credentials are stored in ${path}: only your user account can read the file, but it is not encrypted.`,
  };
}

/** The plain store's file: one JSON object of key → secret. */
const PLAIN_LAYOUT: FileLayout = {
  decode: (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(
        `The secret file ${path} does not hold a JSON object; move it away to start afresh.`,
      );
    }
    return stringEntries(value);
  },
  encode: (entries) => Object.fromEntries(entries),
};

/** A SecretStore backed by a 0600 JSON file; every change is written atomically. */
export function createFileSecretStore(path: string): SecretStore {
  const file = openStringMapFile(path, PLAIN_LAYOUT);
  return { info: plainFileInfo(path), get: file.get, set: file.set, delete: file.delete };
}
