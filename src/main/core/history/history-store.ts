/**
 * The attach history: the last MAX_HISTORY_RECORDS sessions, oldest dropped first. The app and
 * `jobshell attach` may share one file, so every change is applied to what is on disk right
 * then (re-read, changed, written atomically), one change at a time; memory follows the file.
 */
import {
  historyTotals,
  type HistoryList,
  type HistoryRecord,
} from '../../../shared/history-models';
import type { Clock, HistoryFileAt, Logger } from '../ports';
import { readHistoryFile, writeHistoryFile } from './history-file';

/** Enough for years of daily debugging, small enough (~2 MB) to rewrite whole on every change. */
export const MAX_HISTORY_RECORDS = 5000;

export interface HistoryStore {
  /** Loads the file; a damaged one is set aside and reported (see `list().problem`), never thrown. */
  load(): Promise<void>;
  add(record: HistoryRecord): Promise<void>;
  /** Removes the records `match` selects; resolves with how many went. */
  remove(match: (record: HistoryRecord) => boolean): Promise<number>;
  list(): HistoryList;
  onChange(listener: () => void): () => void;
  /** Settles once every change so far is on disk (or failed and was logged). */
  flush(): Promise<void>;
}

/** A store over `file`; null keeps the history in memory only (tests, no data dir). */
export function createHistoryStore(
  file: HistoryFileAt | null,
  clock: Clock,
  logger: Logger,
): HistoryStore {
  let records: readonly HistoryRecord[] = [];
  let problem: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };

  /** Re-reads the file (another process may have added sessions), applies `change`, writes it. */
  const apply = (change: (current: readonly HistoryRecord[]) => readonly HistoryRecord[]) => {
    const run = queue.then(async () => {
      const onDisk = file === null ? records : await readOnDisk(file);
      const next = bound(change(mergeById(onDisk, records)));
      if (file !== null) await writeHistoryFile(file, next);
      records = next;
      changed();
    });
    queue = run.catch((error: unknown) => {
      logger.log('error', 'could not write the attach history', { error: String(error) });
    });
    return run;
  };

  const readOnDisk = async (at: HistoryFileAt): Promise<readonly HistoryRecord[]> => {
    const read = await readHistoryFile(at, clock.now());
    if (read.problem !== null) report(read.problem);
    return read.records;
  };

  const report = (text: string): void => {
    problem = text;
    logger.log('warn', 'attach history set aside', { problem: text });
  };

  return {
    load: async () => {
      if (file === null) return;
      try {
        records = bound(await readOnDisk(file));
      } catch (error) {
        report(`The attach history could not be loaded: ${String(error)}`);
      }
      changed();
    },
    add: (record) => apply((current) => [...current.filter((r) => r.id !== record.id), record]),
    remove: async (match) => {
      let removed = 0;
      await apply((current) => {
        const kept = current.filter((r) => !match(r));
        removed = current.length - kept.length;
        return kept;
      });
      return removed;
    },
    list: () => ({
      records: records.toSorted((a, b) => b.startedAt - a.startedAt),
      totals: historyTotals(records, clock.now()),
      problem,
    }),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: () => queue.then(() => undefined),
  };
}

/** Disk's records plus ours not on disk (a write of ours may have failed earlier). */
function mergeById(
  onDisk: readonly HistoryRecord[],
  mine: readonly HistoryRecord[],
): readonly HistoryRecord[] {
  const ids = new Set(onDisk.map((r) => r.id));
  return [...onDisk, ...mine.filter((r) => !ids.has(r.id))];
}

/** Oldest first, at most MAX_HISTORY_RECORDS: the oldest sessions go first. */
function bound(list: readonly HistoryRecord[]): readonly HistoryRecord[] {
  return list.toSorted((a, b) => a.startedAt - b.startedAt).slice(-MAX_HISTORY_RECORDS);
}
