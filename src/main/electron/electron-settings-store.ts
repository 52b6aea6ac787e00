/**
 * The SettingsStore of the desktop app: electron-store (atomic JSON writes in userData) with a
 * JSON schema, so a write of a malformed account list is refused before it reaches the disk.
 * Keys are taken literally (no dot-notation nesting); keys without a schema are stored as given.
 */
import Store, { type Schema } from 'electron-store';
import type { SettingsStore } from '../core';

const stringList = { type: 'array', items: { type: 'string' } } as const;
const nullableString = { type: ['string', 'null'] } as const;

/** The shape of the account metadata list (see core/accounts/storage/stored-record.ts). */
export const SETTINGS_SCHEMA: Schema<Record<string, unknown>> = {
  accounts: {
    type: 'array',
    items: {
      type: 'object',
      required: [
        'id',
        'baseUrl',
        'name',
        'color',
        'userId',
        'username',
        'displayName',
        'network',
        'token',
      ],
      properties: {
        id: { type: 'string', minLength: 1 },
        baseUrl: { type: 'string', pattern: '^https?://' },
        name: { type: 'string' },
        color: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
        userId: { type: 'integer' },
        username: { type: 'string' },
        displayName: { type: 'string' },
        network: {
          type: 'object',
          required: ['ca', 'pinnedFingerprint', 'proxy'],
          properties: { ca: stringList, pinnedFingerprint: nullableString, proxy: nullableString },
        },
        token: {
          type: ['object', 'null'],
          required: ['scopes', 'expiresAt'],
          properties: { scopes: stringList, expiresAt: nullableString },
        },
      },
    },
  },
};

export interface ElectronSettingsStoreOptions {
  /** Directory of the file; defaults to Electron's userData. */
  readonly cwd?: string;
  /** File name without `.json`. */
  readonly name?: string;
}

/** Creates the settings store (call after Electron's `ready`). */
export function createElectronSettingsStore(
  options: ElectronSettingsStoreOptions = {},
): SettingsStore {
  const store = new Store<Record<string, unknown>>({
    name: options.name ?? 'settings',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    schema: SETTINGS_SCHEMA,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
    // A file that no longer matches the schema is kept for the user to inspect, never wiped.
    clearInvalidConfig: false,
  });
  return {
    read: (key) => store.get(key),
    write: (key, value) => {
      // electron-store refuses `undefined`; storing "nothing" means deleting.
      if (value === undefined) store.delete(key);
      else store.set(key, value);
    },
    delete: (key) => {
      store.delete(key);
    },
  };
}
