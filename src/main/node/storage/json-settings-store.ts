/** Non-secret settings in one JSON file, replaced atomically on every change. */
import fs from 'node:fs';
import type { SettingsStore } from '../../core/ports';
import { writeFileAtomicSync } from './atomic-write';

/**
 * A SettingsStore backed by the JSON file at `path`. A file that cannot be parsed is moved aside
 * (`<path>.corrupt-<time>`) rather than overwritten, so nothing the user had is silently lost.
 */
export function createJsonSettingsStore(path: string, now: () => number = Date.now): SettingsStore {
  let values = load(path, now);

  const commit = (next: Record<string, unknown>): void => {
    writeFileAtomicSync(path, `${JSON.stringify(next, null, 2)}\n`);
    // Memory follows the file only once the write succeeded.
    values = next;
  };

  return {
    read: (key) => (Object.hasOwn(values, key) ? structuredClone(values[key]) : undefined),
    write: (key, value) => {
      commit({ ...values, [key]: structuredClone(value) });
    },
    delete: (key) => {
      if (!Object.hasOwn(values, key)) return;
      const next = { ...values };
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- keys are the store's own
      delete next[key];
      commit(next);
    },
  };
}

function load(path: string, now: () => number): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Falls through to moving the file aside.
  }
  fs.renameSync(path, `${path}.corrupt-${now()}`);
  return {};
}
