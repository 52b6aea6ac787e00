/**
 * Secrets in a JSON file readable only by the user (0600). Honest about it: the info says the file
 * is not encrypted. Used by browser mode, the CLI and tests, where no OS keyring is available.
 */
import fsp from 'node:fs/promises';
import type { SecretStorageInfo } from '../../../shared/models';
import type { SecretStore } from '../ports';
import { writeFileAtomic } from './atomic-write';

/** The SecretStorageInfo of a plain-file store at `path`. */
export function plainFileInfo(path: string): SecretStorageInfo {
  return {
    kind: 'plain-file',
    encrypted: false,
    warning: `Credentials are stored in ${path}: only your user account can read the file, but it is not encrypted.`,
  };
}

/** A SecretStore backed by a 0600 JSON file; every change is written atomically. */
export function createFileSecretStore(path: string): SecretStore {
  let cache: Map<string, string> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // One operation at a time, so two writers never race on the temp-and-rename.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<Map<string, string>> => {
    if (cache !== null) return cache;
    cache = await readSecretFile(path);
    return cache;
  };

  const save = async (next: Map<string, string>): Promise<void> => {
    await writeFileAtomic(path, `${JSON.stringify(Object.fromEntries(next), null, 2)}\n`);
    // Only after the file holds it does memory change: a failed write changes nothing.
    cache = next;
  };

  return {
    info: plainFileInfo(path),
    get: (key) => serial(async () => (await load()).get(key) ?? null),
    set: (key, value) =>
      serial(async () => {
        const next = new Map(await load());
        next.set(key, value);
        await save(next);
      }),
    delete: (key) =>
      serial(async () => {
        const current = await load();
        if (!current.has(key)) return;
        const next = new Map(current);
        next.delete(key);
        await save(next);
      }),
  };
}

async function readSecretFile(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Never overwrite a file we cannot read: the user may still recover its contents.
    throw new Error(`The secret file ${path} is not valid JSON; move it away to start afresh.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(
      `The secret file ${path} does not hold a JSON object; move it away to start afresh.`,
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return new Map(entries);
}
