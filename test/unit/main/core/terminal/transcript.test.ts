import { describe, expect, it } from 'vitest';
import {
  asciicastTranscript,
  plainText,
  textTranscript,
  TranscriptRecorder,
  transcriptFilename,
  type TranscriptMeta,
} from '../../../../../src/main/core/terminal/transcript';

const meta: TranscriptMeta = {
  jobId: 5001,
  jobName: 'rspec',
  projectPath: 'acme/api',
  webUrl: 'https://h.example/acme/api/-/jobs/5001',
  host: 'h.example',
};
const start = Date.UTC(2026, 0, 2, 3, 4, 5);
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('TranscriptRecorder', () => {
  it('keeps the newest output within its cap and counts what it let go', () => {
    const recorder = new TranscriptRecorder(start, 10);
    recorder.record(enc('aaaa'), start);
    recorder.record(enc('bbbb'), start + 1);
    recorder.record(enc('cccc'), start + 2);
    expect(recorder.keptBytes).toBe(8);
    expect(recorder.droppedBytes).toBe(4);
    expect(recorder.entries().map((e) => new TextDecoder().decode(e.data))).toEqual([
      'bbbb',
      'cccc',
    ]);
    for (let i = 0; i < 100; i += 1) recorder.record(enc('dd'), start + 3);
    expect(recorder.keptBytes).toBeLessThanOrEqual(10);
    expect(recorder.entries().length).toBeLessThanOrEqual(5);
  });
});

describe('plain text transcript', () => {
  it('removes escape sequences and applies CR, LF and backspace', () => {
    expect(
      plainText(
        '\x1b[1;32mok\x1b[0m\r\nline2\r\n\x1b]0;title\x07progress 10%\rprogress 100%\nab\bc\n',
      ),
    ).toBe('ok\nline2\nprogress 100%\nac');
  });

  it('has a header with the job and a note about dropped output', () => {
    const recorder = new TranscriptRecorder(start, 4);
    recorder.record(enc('old-'), start);
    recorder.record(enc('new\r\n'), start + 10);
    const transcript = textTranscript(recorder, meta, start + 60_000);
    expect(transcript.mimeType).toMatch(/^text\/plain/);
    expect(transcript.filename).toMatch(/^job-5001-\d{8}-\d{6}\.txt$/);
    expect(transcript.content).toMatch(/job 5001 \(rspec\) in acme\/api on h\.example/);
    expect(transcript.content).toMatch(/4 bytes of earlier output were not kept/);
    expect(transcript.content.endsWith('new')).toBe(true);
  });
});

describe('asciicast transcript', () => {
  it('writes a v2 header with job metadata and decodes characters split across chunks', () => {
    const recorder = new TranscriptRecorder(start);
    const smile = enc('😀');
    recorder.record(enc('hi '), start + 500);
    recorder.record(smile.subarray(0, 2), start + 1000);
    recorder.record(smile.subarray(2), start + 1500);
    const cast = asciicastTranscript(recorder, meta, { cols: 120, rows: 40 }, start + 2000);
    expect(cast.filename).toMatch(/^job-5001-\d{8}-\d{6}\.cast$/);
    const [headerLine, ...events] = cast.content.trimEnd().split('\n');
    const header = JSON.parse(headerLine ?? '') as Record<string, unknown>;
    expect(header).toMatchObject({
      version: 2,
      width: 120,
      height: 40,
      timestamp: Math.floor(start / 1000),
      jobshell: {
        job_id: 5001,
        job_name: 'rspec',
        project: 'acme/api',
        web_url: meta.webUrl,
        host: 'h.example',
      },
    });
    expect(events.map((line) => JSON.parse(line) as unknown)).toEqual([
      [0.5, 'o', 'hi '],
      [1.5, 'o', '😀'],
    ]);
  });

  it('defaults to 80x24', () => {
    const cast = asciicastTranscript(new TranscriptRecorder(start), meta, null, start);
    expect(JSON.parse(cast.content.split('\n')[0] ?? '')).toMatchObject({ width: 80, height: 24 });
  });
});

describe('transcriptFilename', () => {
  it('uses local time', () => {
    const at = new Date(2026, 4, 6, 7, 8, 9).getTime();
    expect(transcriptFilename(42, at, 'txt')).toBe('job-42-20260506-070809.txt');
  });
});
