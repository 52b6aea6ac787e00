import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElectronSettingsStore } from '../../../../src/main/electron/electron-settings-store';
import { resetElectronMock } from '../../mocks/electron';

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'jobshell-estore-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const account = {
  id: 'a1',
  baseUrl: 'https://gitlab.example.com',
  name: 'work',
  color: '#1f75cb',
  userId: 101,
  username: 'alice',
  displayName: 'Alice',
  network: { ca: [], pinnedFingerprint: null, proxy: null },
  token: null,
};

describe('electron settings store', () => {
  it('stores keys literally (dots are not paths) in a 0600 file', () => {
    const store = createElectronSettingsStore({ cwd: dir });
    store.write('secrets.allowPlainText', true);
    store.write('windowBounds', { width: 800 });
    expect(store.read('secrets.allowPlainText')).toBe(true);
    const path = join(dir, 'settings.json');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      'secrets.allowPlainText': true,
      windowBounds: { width: 800 },
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    store.delete('windowBounds');
    store.write('secrets.allowPlainText', undefined);
    expect(createElectronSettingsStore({ cwd: dir }).read('windowBounds')).toBeUndefined();
    expect(store.read('secrets.allowPlainText')).toBeUndefined();
  });

  it('accepts a well-formed account list and refuses a malformed one before writing', () => {
    const store = createElectronSettingsStore({ cwd: dir });
    store.write('accounts', [account]);
    expect(() => {
      store.write('accounts', [{ ...account, userId: 'not a number' }]);
    }).toThrow(/schema/i);
    expect(createElectronSettingsStore({ cwd: dir }).read('accounts')).toEqual([account]);
  });
});
