/** In-memory stores for tests and for runs that must not touch the disk. */
import type { SecretStorageInfo } from '../../../shared/models';
import type { SecretStore, SettingsStore } from '../ports';

export const MEMORY_SECRET_INFO: SecretStorageInfo = {
  kind: 'memory',
  encrypted: false,
  warning: 'Credentials are kept in memory only: they are forgotten when Jobshell quits.',
};

/** A SecretStore that forgets everything on exit. */
export function createMemorySecretStore(info: SecretStorageInfo = MEMORY_SECRET_INFO): SecretStore {
  const values = new Map<string, string>();
  return {
    info,
    get: (key) => Promise.resolve(values.get(key) ?? null),
    set: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
  };
}

/** A SettingsStore in memory; values are copied in and out so callers cannot mutate it behind its back. */
export function createMemorySettingsStore(
  initial: Readonly<Record<string, unknown>> = {},
): SettingsStore {
  const values = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return {
    read: (key) => (values.has(key) ? structuredClone(values.get(key)) : undefined),
    write: (key, value) => {
      values.set(key, structuredClone(value));
    },
    delete: (key) => {
      values.delete(key);
    },
  };
}
