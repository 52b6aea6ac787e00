/**
 * A map of strings kept in a 0600 JSON file: loaded once, changed one operation at a time (two
 * writers never race on the temp-and-rename), and written before memory changes, so a failed
 * write changes nothing. The plain-file and the safeStorage secret stores both sit on it; they
 * differ only in the file's layout and in what they put in the values.
 */
import fsp from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write';

export interface FileLayout {
  /** The string entries found in the parsed file; throws with a sentence when the format is unknown. */
  readonly decode: (value: unknown, path: string) => ReadonlyMap<string, string>;
  readonly encode: (entries: ReadonlyMap<string, string>) => unknown;
}

/** Property signatures, so the functions can be handed on unbound. */
export interface StringMapFile {
  readonly get: (key: string) => Promise<string | null>;
  readonly set: (key: string, value: string) => Promise<void>;
  readonly delete: (key: string) => Promise<void>;
}

/** Opens (lazily) the map file at `path` with the given layout. */
export function openStringMapFile(path: string, layout: FileLayout): StringMapFile {
  let cache: ReadonlyMap<string, string> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const load = async (): Promise<ReadonlyMap<string, string>> => {
    cache ??= await readMapFile(path, layout);
    return cache;
  };
  const save = async (next: ReadonlyMap<string, string>): Promise<void> => {
    await writeFileAtomic(path, `${JSON.stringify(layout.encode(next), null, 2)}\n`);
    cache = next;
  };
  return {
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

/** The string-valued entries of an object; other values are ignored. */
export function stringEntries(record: object): ReadonlyMap<string, string> {
  return new Map(
    Object.entries(record as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

async function readMapFile(path: string, layout: FileLayout): Promise<ReadonlyMap<string, string>> {
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
  return layout.decode(value, path);
}
