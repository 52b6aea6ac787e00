/**
 * The raw job log (docs/gitlab-terminal-protocol.md §6.4: ANSI codes, `section_start:`/`section_end:` markers, optional
 * runner timestamps) turned into display lines, incrementally as the log grows.
 */
import { readLogLine, splitRunnerPrefix, stripAnsi } from '../../../shared/terminal-grammar';
import { ansiToSegments, PLAIN_STYLE, type LogSegment, type LogStyle } from './ansi-spans';

/** Lines kept for display; older ones are dropped (the whole log stays on GitLab and in the API). */
export const MAX_LOG_LINES = 5000;

export interface LogLine {
  /** Stable per buffer, for React keys. */
  readonly id: number;
  readonly segments: readonly LogSegment[];
}

/**
 * What a single raw line shows: timestamp prefix and section markers removed, and carriage-return
 * overwrites applied (only the text after the last CR remains, as on a terminal; its colours kept).
 * Null for a line that only carried section markers: GitLab's own log view does not show those.
 */
export function displayText(rawLine: string): string | null {
  const { text, markers } = readLogLine(rawLine);
  if (markers.length > 0 && stripAnsi(text).trim() === '') return null;
  return text;
}

/** The log of one tab, appended to as the core follows it. */
export class LogLines {
  #lines: LogLine[] = [];
  #partial = '';
  #style: LogStyle = PLAIN_STYLE;
  #nextId = 1;
  #dropped = 0;
  /** The last complete raw line, kept so a runner continuation (`+`) can be joined to it. */
  #last: {
    readonly raw: string;
    readonly styleBefore: LogStyle;
    readonly id: number | null;
  } | null = null;

  constructor(private readonly maxLines = MAX_LOG_LINES) {}

  /** Complete lines, oldest first (at most maxLines). */
  get lines(): readonly LogLine[] {
    return this.#lines;
  }

  /** Lines dropped from the top to stay within maxLines. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The unfinished last line (e.g. a progress bar), rendered without consuming it. */
  get partial(): LogLine | null {
    const text = this.#partial === '' ? null : displayText(this.#partial);
    if (text === null) return null;
    const { segments } = ansiToSegments(text, this.#style);
    return segments.length === 0 ? null : { id: 0, segments };
  }

  append(text: string): void {
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const raw of parts) this.#addLine(raw);
    const excess = this.#lines.length - this.maxLines;
    if (excess > 0) {
      this.#lines = this.#lines.slice(excess);
      this.#dropped += excess;
    }
  }

  /** The log was rewritten (or this is the first text): start over with `text`. */
  reset(text: string): void {
    this.#lines = [];
    this.#partial = '';
    this.#style = PLAIN_STYLE;
    this.#dropped = 0;
    this.#last = null;
    this.append(text);
  }

  /**
   * One complete raw line. A continuation (the runner flushed at a `\r` or cut a long line) is
   * joined to the line before it and replaces it, as GitLab's log view does.
   */
  #addLine(raw: string): void {
    const line = splitRunnerPrefix(raw);
    const previous = line.continued ? this.#last : null;
    if (previous !== null && previous.id !== null && this.#lines.at(-1)?.id === previous.id) {
      this.#lines.pop();
    }
    const full = previous === null ? raw : previous.raw + line.text;
    const styleBefore = previous === null ? this.#style : previous.styleBefore;
    const text = displayText(full);
    if (text === null) {
      this.#last = { raw: full, styleBefore, id: null };
      return;
    }
    const { segments, style } = ansiToSegments(text, styleBefore);
    this.#style = style;
    const id = previous?.id ?? this.#nextId++;
    this.#lines.push({ id, segments });
    this.#last = { raw: full, styleBefore, id };
  }
}
