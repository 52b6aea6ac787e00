import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../../src/main/core/app-core';
import type { SecretStore } from '../../../../src/main/core/ports';
import { createMemorySecretStore } from '../../../../src/main/core/storage/memory-stores';
import type { SecretStorageInfo } from '../../../../src/shared/models';
import { composeTestCore } from '../../support/test-core';

const MEMORY: SecretStorageInfo = {
  kind: 'memory',
  encrypted: false,
  warning: 'No keyring: memory only',
};
const FILE: SecretStorageInfo = {
  kind: 'plain-file',
  encrypted: false,
  warning: 'Stored unencrypted',
};

/** A secret store that starts in memory and can switch to a file, like Electron's without a keyring. */
function switchableSecrets(): SecretStore & { optedIn: number } {
  const inner = createMemorySecretStore(MEMORY);
  let info = MEMORY;
  const store = {
    optedIn: 0,
    get info() {
      return info;
    },
    get: (key: string) => inner.get(key),
    set: (key: string, value: string) => inner.set(key, value),
    delete: (key: string) => inner.delete(key),
    optInToUnencrypted: () => {
      store.optedIn += 1;
      info = FILE;
      return Promise.resolve();
    },
  };
  return store;
}

function core(secrets: SecretStore): AppCore {
  return composeTestCore({ secrets });
}

describe('AppCore', () => {
  let app: AppCore | null = null;
  afterEach(async () => {
    await app?.dispose();
    app = null;
  });

  it('offers the unencrypted opt-in only where secrets are held in memory, and applies it once', async () => {
    const secrets = switchableSecrets();
    app = core(secrets);
    const changes: unknown[] = [];
    app.subscribe((name, payload) => {
      if (name === 'app.changed') changes.push(payload);
    });
    expect((await app.request('app.info', {})).unencryptedOptIn).toBe(true);
    const after = await app.request('app.allowUnencryptedSecrets', {});
    expect(after).toMatchObject({ secretStorage: FILE, unencryptedOptIn: false });
    expect(changes).toEqual([after]);
    await expect(app.request('app.allowUnencryptedSecrets', {})).rejects.toThrow(
      'There is nothing to allow',
    );
    expect(secrets.optedIn).toBe(1);
  });

  it('refuses the opt-in where the store has none (a keyring, or browser mode’s file)', async () => {
    app = core(createMemorySecretStore());
    expect((await app.request('app.info', {})).unencryptedOptIn).toBe(false);
    await expect(app.request('app.allowUnencryptedSecrets', {})).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('brings a tab to the front on terminal.focus', async () => {
    app = core(createMemorySecretStore());
    const focused: unknown[] = [];
    app.subscribe((name, payload) => {
      if (name === 'session.focus') focused.push(payload);
    });
    await app.request('terminal.focus', { sessionId: 't1-5001' });
    expect(focused).toEqual([{ sessionId: 't1-5001' }]);
  });
});
