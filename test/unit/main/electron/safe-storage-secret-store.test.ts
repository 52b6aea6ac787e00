import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySettingsStore } from '../../../../src/main/core/storage/memory-stores';
import {
  ALLOW_PLAIN_TEXT_KEY,
  createSafeStorageSecretStore,
} from '../../../../src/main/electron/safe-storage-secret-store';
import { electronMock, resetElectronMock } from '../../mocks/electron';
import { captureLogger } from '../../support/capture-logger';

const SECRET = '_gitlab_session=very-secret-session-value';

let dir: string;
let path: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'jobshell-safe-'));
  path = join(dir, 'secrets.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('safeStorage secret store', () => {
  it('on Linux without a keyring the user can opt in later: secrets held in memory move to the 0600 file', async () => {
    electronMock.storageBackend = 'basic_text';
    const settings = createMemorySettingsStore();
    const logger = captureLogger();
    const store = createSafeStorageSecretStore({
      path,
      logger,
      platform: 'linux',
      store: settings,
    });
    await store.set('account:1:cookie', SECRET);
    expect(existsSync(path)).toBe(false);
    expect(store.optInToUnencrypted).toBeDefined();
    await store.optInToUnencrypted?.();
    expect(store.info.kind).toBe('plain-file');
    expect(settings.read(ALLOW_PLAIN_TEXT_KEY)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const restarted = createSafeStorageSecretStore({
      path,
      logger,
      platform: 'linux',
      store: settings,
    });
    expect(restarted.info.kind).toBe('plain-file');
    expect(await restarted.get('account:1:cookie')).toBe(SECRET);
    expect(logger.text()).not.toContain('very-secret');
  });

  it('offers no opt-in where a keyring exists', () => {
    const store = createSafeStorageSecretStore({
      path,
      logger: captureLogger(),
      platform: 'linux',
    });
    expect(store.optInToUnencrypted).toBeUndefined();
  });

  it('with a keyring: ciphertext only, base64 in a 0600 file, readable after a restart', async () => {
    const logger = captureLogger();
    const store = createSafeStorageSecretStore({ path, logger, platform: 'linux' });
    expect(store.info).toEqual({ kind: 'os-keyring', encrypted: true, warning: null });
    await store.set('account:1:cookie', SECRET);
    const file = readFileSync(path, 'utf8');
    expect(file).not.toContain('very-secret');
    const stored =
      (JSON.parse(file) as { entries: Record<string, string> }).entries['account:1:cookie'] ?? '';
    expect(Buffer.from(stored, 'base64').toString('utf8')).toMatch(/^enc:/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = createSafeStorageSecretStore({ path, logger, platform: 'linux' });
    expect(await again.get('account:1:cookie')).toBe(SECRET);
    await again.delete('account:1:cookie');
    expect(
      await createSafeStorageSecretStore({ path, logger, platform: 'linux' }).get(
        'account:1:cookie',
      ),
    ).toBeNull();
    expect(logger.text()).not.toContain('very-secret');
  });

  it('on Linux with the basic_text backend: explains, keeps secrets in memory, writes nothing', async () => {
    electronMock.storageBackend = 'basic_text';
    const store = createSafeStorageSecretStore({
      path,
      logger: captureLogger(),
      platform: 'linux',
    });
    expect(store.info.kind).toBe('memory');
    expect(store.info.encrypted).toBe(false);
    expect(store.info.warning).toMatch(/No OS keyring .* kept in memory only/);
    await store.set('account:1:cookie', SECRET);
    expect(await store.get('account:1:cookie')).toBe(SECRET);
    expect(existsSync(path)).toBe(false);
  });

  it('with basic_text and the user opted in: stores, and says it is not really encrypted', async () => {
    electronMock.storageBackend = 'basic_text';
    const settings = createMemorySettingsStore({ [ALLOW_PLAIN_TEXT_KEY]: true });
    const store = createSafeStorageSecretStore({
      path,
      logger: captureLogger(),
      platform: 'linux',
      store: settings,
    });
    expect(store.info.kind).toBe('plain-file');
    expect(store.info.warning).toMatch(/without real encryption/);
    await store.set('k', SECRET);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toContain('very-secret');
  });

  it('on Linux without any encryption: memory only, even when opted in', () => {
    electronMock.encryptionAvailable = false;
    const settings = createMemorySettingsStore({ [ALLOW_PLAIN_TEXT_KEY]: true });
    const store = createSafeStorageSecretStore({
      path,
      logger: captureLogger(),
      platform: 'linux',
      store: settings,
    });
    expect(store.info.kind).toBe('memory');
  });

  it('ignores the basic_text backend name on macOS and Windows (Keychain, DPAPI)', () => {
    electronMock.storageBackend = 'basic_text';
    expect(
      createSafeStorageSecretStore({ path, logger: captureLogger(), platform: 'darwin' }).info.kind,
    ).toBe('os-keyring');
  });

  it('refuses to store when the keyring is locked, and stores nothing', async () => {
    electronMock.encryptionAvailable = false;
    const store = createSafeStorageSecretStore({
      path,
      logger: captureLogger(),
      platform: 'win32',
    });
    await expect(store.set('k', SECRET)).rejects.toThrow(/keyring is not available/);
    expect(existsSync(path)).toBe(false);
  });

  it('treats a secret it cannot decrypt as absent (the account signs in again)', async () => {
    writeFileSync(
      path,
      JSON.stringify({ version: 1, entries: { k: Buffer.from('garbage').toString('base64') } }),
    );
    const logger = captureLogger();
    const store = createSafeStorageSecretStore({ path, logger, platform: 'linux' });
    expect(await store.get('k')).toBeNull();
    expect(logger.text()).toMatch(/could not decrypt/);
  });
});
