/** Node's DataFiles (the history's and transcripts' port) and the history service reading through it. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeHistoryFile } from '../../../../../src/main/core/history/history-file';
import { createHistoryService } from '../../../../../src/main/core/history/history-service';
import type { TerminalService } from '../../../../../src/main/core/services';
import { createNodeDataFiles, nodeAppDataFiles } from '../../../../../src/main/node';
import { captureLogger } from '../../../support/capture-logger';
import { FakeClock } from '../../../support/fake-clock';
import { record } from '../../core/history/history-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobshell-data-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('node data files', () => {
  const files = createNodeDataFiles();

  it('reads a file, null for a missing one, and rejects what is not a file', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    mkdirSync(join(dir, 'folder'));
    expect(await files.readText(join(dir, 'a.txt'))).toBe('hello');
    expect(await files.readText(join(dir, 'missing.txt'))).toBeNull();
    await expect(files.readText(join(dir, 'folder'))).rejects.toThrow(/EISDIR/);
  });

  it('writes atomically into new folders, private to the user, and renames', async () => {
    const target = join(dir, 'x', 'y', 'b.txt');
    await files.writeAtomic(target, 'content');
    expect(readdirSync(join(dir, 'x', 'y'))).toEqual(['b.txt']);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    await files.rename(target, join(dir, 'c.txt'));
    expect(await files.readText(join(dir, 'c.txt'))).toBe('content');
    expect(await files.readText(target)).toBeNull();
  });

  it('puts the history and the default transcripts folder in the data directory', () => {
    const data = nodeAppDataFiles(dir);
    expect(data.path).toBe(join(dir, 'history.json'));
    expect(data.transcriptsFolder).toBe(join(dir, 'transcripts'));
    expect(files.isAbsolute(data.path)).toBe(true);
    expect(files.isAbsolute('relative/path')).toBe(false);
    expect(files.basename(data.path)).toBe('history.json');
    expect(files.dirname(data.path)).toBe(dir);
  });
});

describe('history service transcripts through DataFiles', () => {
  const noTerminals = {
    onSessions: () => () => undefined,
    onClosing: () => () => undefined,
  } as unknown as TerminalService;

  it('reads a saved transcript, and says so clearly when its file is gone', async () => {
    const data = nodeAppDataFiles(dir);
    const text = join(dir, 'transcripts', 'one.txt');
    const gone = join(dir, 'transcripts', 'gone.txt');
    await data.files.writeAtomic(text, 'saved output');
    await writeHistoryFile(data, [
      record(1, { transcripts: { text, asciicast: `${text}.cast` } }),
      record(2, { transcripts: { text: gone, asciicast: `${gone}.cast` } }),
    ]);
    const service = createHistoryService({
      file: data,
      clock: new FakeClock(),
      logger: captureLogger(),
      accounts: () => [],
      jobs: () => [],
    });
    await service.start(noTerminals);
    expect(await service.transcript('r1', 'text')).toEqual({
      filename: 'one.txt',
      mimeType: 'text/plain',
      content: 'saved output',
    });
    await expect(service.transcript('r2', 'text')).rejects.toMatchObject({
      code: 'not-found',
      message: `The transcript ${gone} could not be read: it no longer exists.`,
    });
  });
});
