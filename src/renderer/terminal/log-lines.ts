/**
 * The raw job log (docs/gitlab-terminal-protocol.md §6.4: ANSI codes, `section_start:`/`section_end:` markers, optional
 * runner timestamps) turned into display lines, incrementally as the log grows.
 */
import { ansiToSegments, PLAIN_STYLE, type LogSegment, type LogStyle } from './ansi-spans';

/** Lines kept for display; older ones are dropped (the whole log stays on GitLab and in the API). */
export const MAX_LOG_LINES = 5000;

/** FF_TIMESTAMPS prefix: `2025-01-01T12:00:00.123456Z 00O ` (stream id, O/E, ' ' or '+'). */
const TIMESTAMP_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z [0-9a-f]{2}[OE][ +]?/;
/** Collapsible-section markers, with their optional `[collapsed=true]` options and the CR after. */
const SECTION_MARKER = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r?/g;
// eslint-disable-next-line no-control-regex -- finding SGR sequences is the point
const SGR = /\u001b\[[0-9;]*m/g;
/** Any CSI sequence (a marker-only line is still "empty" with its erase-line codes around it). */
// eslint-disable-next-line no-control-regex -- finding escape sequences is the point
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]/g;

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
  let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  line = line.replace(TIMESTAMP_PREFIX, '');
  const unmarked = line.replace(SECTION_MARKER, '');
  if (unmarked !== line && unmarked.replace(ESCAPES, '').trim() === '') return null;
  line = unmarked;
  const cr = line.lastIndexOf('\r');
  if (cr < 0) return line;
  // Colours set before the overwrite still apply to what follows: keep the SGR sequences only.
  const before = (line.slice(0, cr).match(SGR) ?? []).join('');
  return before + line.slice(cr + 1);
}

/** The log of one tab, appended to as the core follows it. */
export class LogLines {
  #lines: LogLine[] = [];
  #partial = '';
  #style: LogStyle = PLAIN_STYLE;
  #nextId = 1;
  #dropped = 0;

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
    for (const raw of parts) {
      const text = displayText(raw);
      if (text === null) continue;
      const { segments, style } = ansiToSegments(text, this.#style);
      this.#style = style;
      this.#lines.push({ id: this.#nextId++, segments });
    }
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
    this.append(text);
  }
}
