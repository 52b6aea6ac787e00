/**
 * A session's output as it happened, bounded, and rendered on demand as plain text or as an
 * asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/) with the job's metadata.
 */
import type { Transcript } from '../../../shared/models';
import { stripAnsi } from '../../../shared/terminal-grammar';

/**
 * Output kept per session. 2 MiB is ~25 000 lines of 80 columns, well beyond a typical debugging
 * session, and bounded so twenty tabs cost at most 40 MiB even under floods (older output goes).
 */
export const TRANSCRIPT_CAP_BYTES = 2 * 1024 * 1024;
/** The size asciinema players assume when nothing better is known (no resize exists, §3.3). */
export const DEFAULT_COLS = 80;
export const DEFAULT_ROWS = 24;

interface Entry {
  /** ms since the recording began. */
  readonly t: number;
  readonly data: Uint8Array;
}

export interface TranscriptMeta {
  readonly jobId: number;
  readonly jobName: string;
  readonly projectPath: string;
  readonly webUrl: string;
  readonly host: string;
}

/** Keeps the most recent output of one session with its arrival times. */
export class TranscriptRecorder {
  #entries: Entry[] = [];
  /** Index of the oldest kept entry (entries before it are dropped lazily, to avoid shifting). */
  #head = 0;
  #bytes = 0;
  #droppedBytes = 0;

  constructor(
    readonly startedAt: number,
    private readonly cap = TRANSCRIPT_CAP_BYTES,
  ) {}

  /** Bytes of older output no longer kept. */
  get droppedBytes(): number {
    return this.#droppedBytes;
  }

  get keptBytes(): number {
    return this.#bytes;
  }

  /** Records bytes (not copied: callers hand in arrays they no longer change). */
  record(data: Uint8Array, at: number): void {
    if (data.length === 0) return;
    this.#entries.push({ t: Math.max(0, at - this.startedAt), data });
    this.#bytes += data.length;
    while (this.#bytes > this.cap && this.#head < this.#entries.length - 1) {
      const oldest = this.#entries[this.#head];
      if (oldest === undefined) break;
      this.#bytes -= oldest.data.length;
      this.#droppedBytes += oldest.data.length;
      this.#head += 1;
    }
    // Compact once the dropped prefix is as long as what is kept, keeping pushes amortised O(1).
    if (this.#head > 0 && this.#head * 2 >= this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The kept entries, oldest first. */
  entries(): readonly Entry[] {
    return this.#entries.slice(this.#head);
  }
}

/** `job-<id>-<yyyyMMdd-HHmmss>.<ext>` in local time. */
export function transcriptFilename(jobId: number, at: number, ext: 'txt' | 'cast'): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  return `job-${jobId}-${date}-${time}.${ext}`;
}

/** Plain text: decoded, escape sequences removed, CR/LF and backspaces applied as a terminal would. */
export function textTranscript(
  recorder: TranscriptRecorder,
  meta: TranscriptMeta,
  now: number,
): Transcript {
  const decoder = new TextDecoder('utf-8');
  let raw = '';
  for (const entry of recorder.entries()) raw += decoder.decode(entry.data, { stream: true });
  raw += decoder.decode();
  const header = [
    `# Jobshell transcript of job ${meta.jobId} (${meta.jobName}) in ${meta.projectPath} on ${meta.host}`,
    `# ${meta.webUrl}`,
    `# started ${new Date(recorder.startedAt).toISOString()}, saved ${new Date(now).toISOString()}`,
  ];
  if (recorder.droppedBytes > 0) {
    header.push(`# [${recorder.droppedBytes} bytes of earlier output were not kept]`);
  }
  return {
    filename: transcriptFilename(meta.jobId, now, 'txt'),
    mimeType: 'text/plain; charset=utf-8',
    content: `${header.join('\n')}\n\n${plainText(raw)}`,
  };
}

/** Terminal output as readable lines: escapes removed, `\r` and `\b` overwrite, other controls dropped. */
export function plainText(raw: string): string {
  const lines: string[] = [];
  let line: string[] = [];
  let col = 0;
  for (const ch of stripAnsi(raw)) {
    if (ch === '\n') {
      lines.push(line.join('').trimEnd());
      line = [];
      col = 0;
    } else if (ch === '\r') {
      col = 0;
    } else if (ch === '\b') {
      col = Math.max(0, col - 1);
    } else if (ch === '\t' || !isControl(ch)) {
      line[col] = ch;
      col += 1;
    }
  }
  if (line.length > 0) lines.push(line.join('').trimEnd());
  return lines.map((l) => l.replace(/\0/g, ' ')).join('\n');
}

function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
}

/** asciicast v2: a JSON header line, then one `[seconds, "o", text]` line per recorded chunk. */
export function asciicastTranscript(
  recorder: TranscriptRecorder,
  meta: TranscriptMeta,
  size: { readonly cols: number; readonly rows: number } | null,
  now: number,
): Transcript {
  const header = {
    version: 2,
    width: size?.cols ?? DEFAULT_COLS,
    height: size?.rows ?? DEFAULT_ROWS,
    timestamp: Math.floor(recorder.startedAt / 1000),
    title: `${meta.jobName} #${meta.jobId} — ${meta.projectPath}`,
    env: { TERM: 'xterm-256color' },
    // Players ignore unknown header keys; this keeps the job's identity with the recording.
    jobshell: {
      job_id: meta.jobId,
      job_name: meta.jobName,
      project: meta.projectPath,
      web_url: meta.webUrl,
      host: meta.host,
      dropped_bytes: recorder.droppedBytes,
    },
  };
  // Streaming decode: a character split across two chunks lands whole in the later event.
  const decoder = new TextDecoder('utf-8');
  const lines = [JSON.stringify(header)];
  for (const entry of recorder.entries()) {
    const text = decoder.decode(entry.data, { stream: true });
    if (text !== '') lines.push(JSON.stringify([entry.t / 1000, 'o', text]));
  }
  return {
    filename: transcriptFilename(meta.jobId, now, 'cast'),
    mimeType: 'application/x-asciicast',
    content: `${lines.join('\n')}\n`,
  };
}
