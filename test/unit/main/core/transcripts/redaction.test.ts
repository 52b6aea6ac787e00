import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutoTranscripts } from '../../../../../src/main/core/transcripts/auto-transcripts';
import {
  compileRedactions,
  DEFAULT_REDACTIONS,
  redactSegments,
} from '../../../../../src/main/core/transcripts/redaction';
import { createNodeDataFiles } from '../../../../../src/main/node';
import { createMemorySettingsStore } from '../../../../../src/main/core/storage/memory-stores';
import {
  asciicastTranscript,
  textTranscript,
  TranscriptRecorder,
} from '../../../../../src/main/core/terminal/transcript';
import { sessionView } from '../history/history-fixtures';

const TOKEN = 'glpat-AbCdEfGhIjKlMnOpQrSt';
const COOKIE = '0123456789abcdef0123456789abcdef';
const BEARER = 'Bearer s3cr3t-bearer-value';
const META = {
  jobId: 501,
  jobName: 'rspec',
  projectPath: 'acme/api',
  webUrl: 'https://gitlab.test/acme/api/-/jobs/501',
  host: 'gitlab.test',
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobshell-transcripts-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Output with the secrets split across chunks, as a runner's frames may cut them. */
function recorded(): TranscriptRecorder {
  const recorder = new TranscriptRecorder(0);
  const output = `$ env\r\nTOKEN=${TOKEN}\r\n$ curl -H 'Authorization: ${BEARER}'\r\nSet-Cookie: _gitlab_session=${COOKIE}; path=/\r\nok\r\n`;
  const bytes = new TextEncoder().encode(output);
  // Cut every 7 bytes: each secret lands in several asciicast events.
  for (let i = 0; i < bytes.length; i += 7) recorder.record(bytes.slice(i, i + 7), i);
  return recorder;
}

describe('redaction rules', () => {
  it('refuses bad rules with a sentence naming the rule and the reason', () => {
    expect(() => compileRedactions(['ok', 'a(b'])).toThrow(
      /Redaction rule 2 \("a\(b"\) is not a valid regular expression: .*Unterminated group/,
    );
    expect(() => compileRedactions(['x*'])).toThrow(
      /Redaction rule 1 \("x\*"\) matches empty text/,
    );
    expect(() => compileRedactions(['  '])).toThrow(/Redaction rule 1 .* is empty/);
  });

  it('cuts a match out of every segment it spans, and marks it once', () => {
    const rules = compileRedactions(['secret']);
    expect(redactSegments(['a sec', 'r', 'et b'], rules)).toEqual(['a [REDACTED]', '', ' b']);
  });
});

describe('automatic transcripts', () => {
  it('never writes a secret of the output to disk (grep of the written files)', async () => {
    const store = createMemorySettingsStore();
    const auto = createAutoTranscripts(store, createNodeDataFiles(), dir);
    auto.update({ enabled: true, folder: dir, redactions: [...DEFAULT_REDACTIONS] });
    const recorder = recorded();
    const files = await auto.save(sessionView({ kind: 'open', since: 0 }), 0, (format) =>
      format === 'text'
        ? textTranscript(recorder, META, 1000)
        : asciicastTranscript(recorder, META, null, 1000),
    );
    expect(files?.text).toMatch(/gitlab\.test\/acme\/api\/501-rspec\/.*\.txt$/);
    const written = execFileSync('grep', ['-rl', '-e', 'ok', dir], { encoding: 'utf8' });
    expect(written.trim().split('\n')).toHaveLength(2);
    for (const secret of [TOKEN, COOKIE, 's3cr3t', 'glpat-']) {
      // grep exits 1 when nothing matches: the secret is in no file under the folder.
      expect(() => execFileSync('grep', ['-r', '-F', secret, dir])).toThrow();
    }
    expect(fs.readFileSync(files?.text ?? '', 'utf8')).toContain('Authorization: [REDACTED]');
    expect(fs.statSync(files?.asciicast ?? '').mode & 0o777).toBe(0o600);
  });

  it('writes nothing unless the user opted in', async () => {
    const auto = createAutoTranscripts(createMemorySettingsStore(), createNodeDataFiles(), dir);
    const recorder = recorded();
    const files = await auto.save(sessionView({ kind: 'open', since: 0 }), 0, () =>
      textTranscript(recorder, META, 0),
    );
    expect(files).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a relative folder and bad rules, keeping the previous settings', () => {
    const auto = createAutoTranscripts(createMemorySettingsStore(), createNodeDataFiles(), dir);
    expect(() => auto.update({ enabled: true, folder: 'rel', redactions: [] })).toThrow(
      /absolute path/,
    );
    expect(() => auto.update({ enabled: true, folder: dir, redactions: ['['] })).toThrow(
      /Redaction rule 1/,
    );
    expect(auto.settings().enabled).toBe(false);
  });
});
