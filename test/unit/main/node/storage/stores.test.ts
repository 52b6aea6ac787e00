import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../../../src/main/node/storage/file-secret-store';
import { createJsonSettingsStore } from '../../../../../src/main/node/storage/json-settings-store';
import {
  createMemorySecretStore,
  createMemorySettingsStore,
} from '../../../../../src/main/core/storage/memory-stores';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobshell-stores-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('file secret store', () => {
  it('keeps secrets in a 0600 file and says it is not encrypted', async () => {
    const path = join(dir, 'nested', 'secrets.json');
    const store = createFileSecretStore(path);
    expect(store.info).toMatchObject({ kind: 'plain-file', encrypted: false });
    expect(store.info.warning).toMatch(/not encrypted/);
    await store.set('account:1:cookie', '_gitlab_session=abc');
    expect(mode(path)).toBe(0o600);
    expect(mode(join(dir, 'nested'))).toBe(0o700);
    expect(await store.get('account:1:cookie')).toBe('_gitlab_session=abc');
    expect(await createFileSecretStore(path).get('account:1:cookie')).toBe('_gitlab_session=abc');
    await store.delete('account:1:cookie');
    expect(await createFileSecretStore(path).get('account:1:cookie')).toBeNull();
    expect(readFileSync(path, 'utf8')).not.toContain('abc');
  });

  it('writes atomically: concurrent writers lose nothing and leave no temp files', async () => {
    const path = join(dir, 'secrets.json');
    const store = createFileSecretStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const reread = createFileSecretStore(path);
    for (let i = 0; i < 20; i += 1) expect(await reread.get(`k${i}`)).toBe(`v${i}`);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('changes nothing when a write fails', async () => {
    const path = join(dir, 'secrets.json');
    const store = createFileSecretStore(path);
    await store.set('a', '1');
    rmSync(dir, { recursive: true, force: true });
    // The directory is now a file: every write must fail, and memory must not pretend it worked.
    writeFileSync(dir, 'not a directory');
    await expect(store.set('b', '2')).rejects.toThrow();
    expect(await store.get('b')).toBeNull();
    rmSync(dir, { force: true });
  });

  it('refuses to overwrite a file it cannot read', async () => {
    const path = join(dir, 'secrets.json');
    writeFileSync(path, '{ broken');
    await expect(createFileSecretStore(path).set('a', '1')).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(path, 'utf8')).toBe('{ broken');
  });
});

describe('JSON settings store', () => {
  it('persists values atomically with mode 0600, and hands out copies', () => {
    const path = join(dir, 'settings.json');
    const store = createJsonSettingsStore(path);
    const value = { list: [1, 2] };
    store.write('accounts', value);
    value.list.push(3);
    expect(store.read('accounts')).toEqual({ list: [1, 2] });
    (store.read('accounts') as { list: number[] }).list.push(4);
    expect(createJsonSettingsStore(path).read('accounts')).toEqual({ list: [1, 2] });
    expect(mode(path)).toBe(0o600);
    store.delete('accounts');
    expect(createJsonSettingsStore(path).read('accounts')).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('moves a corrupt file aside instead of losing it', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, 'nonsense{');
    const store = createJsonSettingsStore(path, () => 42);
    expect(store.read('x')).toBeUndefined();
    expect(readFileSync(`${path}.corrupt-42`, 'utf8')).toBe('nonsense{');
  });

  it('keeps memory unchanged when the write fails', () => {
    const path = join(dir, 'sub', 'settings.json');
    const store = createJsonSettingsStore(path);
    store.write('a', 1);
    rmSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub'), 'file in the way');
    expect(() => {
      store.write('a', 2);
    }).toThrow();
    expect(store.read('a')).toBe(1);
  });
});

describe('memory stores', () => {
  it('say they forget, and copy values', async () => {
    const secrets = createMemorySecretStore();
    expect(secrets.info).toMatchObject({ kind: 'memory', encrypted: false });
    await secrets.set('k', 'v');
    expect(await secrets.get('k')).toBe('v');
    await secrets.delete('k');
    expect(await secrets.get('k')).toBeNull();
    const settings = createMemorySettingsStore({ a: { b: 1 } });
    (settings.read('a') as { b: number }).b = 2;
    expect(settings.read('a')).toEqual({ b: 1 });
  });
});
