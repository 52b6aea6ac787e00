import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeHistoryFile } from '../../../../../src/main/core/history/history-file';
import {
  createHistoryStore,
  MAX_HISTORY_RECORDS,
} from '../../../../../src/main/core/history/history-store';
import { createNodeDataFiles } from '../../../../../src/main/node';
import type { HistoryFileAt } from '../../../../../src/main/core';
import { HISTORY_WEEK_MS, historyTotals } from '../../../../../src/shared/history-models';
import { captureLogger } from '../../../support/capture-logger';
import { FakeClock } from '../../../support/fake-clock';
import { record } from './history-fixtures';

let dir: string;
let file: string;
let at: HistoryFileAt;
const clock = new FakeClock();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobshell-history-'));
  file = path.join(dir, 'history.json');
  at = { files: createNodeDataFiles(), path: file };
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('history store', () => {
  it('keeps the last 5000 sessions, dropping the oldest first, on disk too', async () => {
    const many = Array.from({ length: MAX_HISTORY_RECORDS }, (_, i) => record(i));
    await writeHistoryFile(at, many);
    const store = createHistoryStore(at, clock, captureLogger());
    await store.load();
    await store.add(record(MAX_HISTORY_RECORDS));
    const ids = store.list().records.map((r) => r.id);
    expect(ids).toHaveLength(MAX_HISTORY_RECORDS);
    expect(ids[0]).toBe(`r${MAX_HISTORY_RECORDS}`);
    expect(ids).not.toContain('r0');
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { records: { id: string }[] };
    expect(onDisk.records).toHaveLength(MAX_HISTORY_RECORDS);
    expect(onDisk.records.map((r) => r.id)).not.toContain('r0');
  });

  it('writes atomically: a 0600 file and no temporary file left behind', async () => {
    const store = createHistoryStore(at, clock, captureLogger());
    await store.load();
    await store.add(record(1));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['history.json']);
  });

  it('sets a corrupt file aside, reports it and starts afresh without throwing', async () => {
    fs.writeFileSync(file, '{"version":1,"records":[{"id":');
    const logger = captureLogger();
    const store = createHistoryStore(at, clock, logger);
    await store.load();
    const list = store.list();
    expect(list.records).toEqual([]);
    expect(list.problem).toMatch(
      /damaged \(not valid JSON\); it was moved to .*history\.json\.corrupt-/,
    );
    const aside = fs.readdirSync(dir).filter((name) => name.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toContain('"records"');
    await store.add(record(3));
    expect(store.list().records.map((r) => r.id)).toEqual(['r3']);
    expect(logger.text()).toContain('attach history set aside');
  });

  it('keeps the readable records of a partly damaged file, and the file itself aside', async () => {
    const good = record(1);
    fs.writeFileSync(file, JSON.stringify({ version: 1, records: [good, { id: 'bad' }] }));
    const store = createHistoryStore(at, clock, captureLogger());
    await store.load();
    expect(store.list().records).toEqual([good]);
    expect(store.list().problem).toMatch(/the 1 readable sessions were kept/);
  });

  it('merges what another process (jobshell attach) added to the file meanwhile', async () => {
    const app = createHistoryStore(at, clock, captureLogger());
    const cli = createHistoryStore(at, clock, captureLogger());
    await app.load();
    await cli.load();
    await cli.add(record(1, { source: 'cli', accountId: null }));
    await app.add(record(2));
    expect(app.list().records.map((r) => r.id)).toEqual(['r2', 'r1']);
  });

  it('removes the records chosen, also from the file', async () => {
    const store = createHistoryStore(at, clock, captureLogger());
    await store.load();
    await store.add(record(1, { accountId: 'a1' }));
    await store.add(record(2, { accountId: 'a2' }));
    expect(await store.remove((r) => r.accountId === 'a1')).toBe(1);
    const again = createHistoryStore(at, clock, captureLogger());
    await again.load();
    expect(again.list().records.map((r) => r.id)).toEqual(['r2']);
  });
});

describe('history totals', () => {
  it('sums held time this week and overall, and counts releases and timeouts', () => {
    const now = 100 * HISTORY_WEEK_MS;
    const records = [
      record(1, { endedAt: now - 1000, heldSeconds: 30, outcome: 'released', releasedBy: 'you' }),
      record(2, { endedAt: now - 2000, heldSeconds: 60, outcome: 'released', releasedBy: 'auto' }),
      record(3, {
        endedAt: now - 2 * HISTORY_WEEK_MS,
        heldSeconds: 600,
        outcome: 'hold-timed-out',
      }),
      record(4, { endedAt: now - 5000, heldSeconds: 5, outcome: 'closed', releasedBy: 'you' }),
      record(5, { endedAt: now, outcome: 'job-canceled' }),
    ];
    expect(historyTotals(records, now)).toEqual({
      sessions: 5,
      heldSecondsWeek: 95,
      heldSecondsAll: 695,
      releasedByYou: 2,
      releasedByAuto: 1,
      timedOut: 1,
    });
  });
});
