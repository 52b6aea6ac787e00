/**
 * The one grammar for terminal bytes and GitLab job logs: escape sequences (ECMA-48), the runner's
 * FF_TIMESTAMPS line prefix, collapsible-section markers and carriage-return overwrites. The hold
 * detection (core) and the log view (renderer) read the job log through this module, so the two
 * cannot drift apart. The formats follow the writers and GitLab's own reader:
 * gitlab-runner `common/buildlogger/internal/timestamper/timestamper.go` (prefix) and
 * `helpers/build_section.go` (markers); GitLab `lib/gitlab/ci/trace/stream.rb`
 * (`TIMESTAMP_HEADER_REGEX`), `Gitlab::Regex.build_trace_section_regex` and
 * `lib/gitlab/ci/ansi2json/converter.rb` (continuations, `\r` overwrites). See
 * docs/gitlab-terminal-protocol.md §6.4.
 */

/**
 * CSI (7-bit `ESC [` or 8-bit U+009B: parameters, intermediates, final byte); OSC/DCS/SOS/PM/APC
 * strings up to BEL or ST (or the end of the text); other escapes (ESC, intermediates, final);
 * and a lone ESC, as left by a chunk cut inside a sequence.
 */
const ESCAPE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)([0-?]*)([ -/]*)([@-~])',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u001b[ -/]*[0-~]',
    '\\u001b',
  ].join('|'),
  'g',
);

/** Text with every escape sequence removed (other control characters are left to the caller). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, '');
}

/** A stretch of a line: text to show, or one SGR (colour and style) sequence's parameters. */
export type LinePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'sgr'; readonly params: string };

/** A line as text and SGR sequences, in order; every other escape sequence is dropped. */
export function lineParts(line: string): readonly LinePart[] {
  const parts: LinePart[] = [];
  let last = 0;
  for (const match of line.matchAll(ESCAPE)) {
    if (match.index > last) parts.push({ kind: 'text', text: line.slice(last, match.index) });
    last = match.index + match[0].length;
    // SGR is CSI with final byte `m` and no intermediate bytes.
    if (match[3] === 'm' && match[2] === '') parts.push({ kind: 'sgr', params: match[1] ?? '' });
  }
  if (last < line.length) parts.push({ kind: 'text', text: line.slice(last) });
  return parts;
}

/** Only the SGR sequences of `text`, re-encoded: the colour state it leaves behind. */
export function sgrOnly(text: string): string {
  return lineParts(text)
    .map((part) => (part.kind === 'sgr' ? `\u001b[${part.params}m` : ''))
    .join('');
}

/**
 * The FF_TIMESTAMPS header, always 32 characters: RFC 3339 UTC with exactly six fraction digits,
 * a space, the stream number (two hex digits), `O` (stdout) or `E` (stderr), and ` ` for a new
 * line or `+` for a continuation of the previous one, e.g. `2021-01-01T01:00:00.020010Z 01O `.
 */
const RUNNER_PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z) ([0-9a-f]{2})([OE])([ +])/;

export interface RunnerLine {
  /** The runner's time for the line (`…Z`), or null in a log without timestamps. */
  readonly at: string | null;
  readonly stream: 'O' | 'E' | null;
  /**
   * The runner cut a long line or flushed at a `\r`: this line continues the previous one (GitLab
   * joins the two, dropping the newline between them).
   */
  readonly continued: boolean;
  /** The rest of the line, escape sequences and all. */
  readonly text: string;
}

/** One raw log line (without its `\n`) split into the runner's header and its text. */
export function splitRunnerPrefix(line: string): RunnerLine {
  const match = RUNNER_PREFIX.exec(line);
  if (match === null) return { at: null, stream: null, continued: false, text: line };
  return {
    at: match[1] ?? null,
    stream: match[3] === 'E' ? 'E' : 'O',
    continued: match[4] === '+',
    text: line.slice(match[0].length),
  };
}

/**
 * `section_start:<unix time>:<name>[<options>]` or `section_end:…`, always followed by `\r` and
 * an erase-line (`ESC [0K`) so a terminal hides the marker. Names are `[A-Za-z0-9_.-]+`; options
 * are `key=value` pairs such as `[collapsed=true]`.
 */
const SECTION_MARKER =
  // eslint-disable-next-line no-control-regex -- the marker ends in an escape sequence
  /section_(start|end):(\d+):([A-Za-z0-9_.-]+)(?:\[(\w+=\w+(?:, ?\w+=\w+)*)\])?\r\u001b\[0K/g;

export interface SectionMarker {
  readonly kind: 'start' | 'end';
  /** Unix seconds. */
  readonly time: number;
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
}

/** The section markers of a line and the line without them. */
export function takeSectionMarkers(line: string): {
  readonly text: string;
  readonly markers: readonly SectionMarker[];
} {
  const markers: SectionMarker[] = [];
  const text = line.replace(
    SECTION_MARKER,
    (_all, kind: string, time: string, name: string, options?: string) => {
      markers.push({
        kind: kind === 'start' ? 'start' : 'end',
        time: Number(time),
        name,
        options: Object.fromEntries(
          (options ?? '')
            .split(',')
            .filter((option) => option !== '')
            .map((option) => option.trim().split('=') as [string, string]),
        ),
      });
      return '';
    },
  );
  return { text, markers };
}

/**
 * What a line shows after its carriage returns: only the text after the last `\r` stays, as on a
 * terminal (and in GitLab's log view), with the colours set before it still in force. A `\r` at
 * the very end (a `\r\n` line end) overwrites nothing.
 */
export function applyCarriageReturns(line: string): string {
  const body = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cr = body.lastIndexOf('\r');
  if (cr < 0) return body;
  return sgrOnly(body.slice(0, cr)) + body.slice(cr + 1);
}

export interface LogLineText extends RunnerLine {
  /** Header, section markers and overwritten text removed; SGR and other escapes still in. */
  readonly text: string;
  readonly markers: readonly SectionMarker[];
}

/** One raw job-log line (without its `\n`) read the way GitLab's log view reads it. */
export function readLogLine(raw: string): LogLineText {
  const line = splitRunnerPrefix(raw);
  const { text, markers } = takeSectionMarkers(line.text);
  return { ...line, text: applyCarriageReturns(text), markers };
}
