/**
 * The job log's ANSI colours as styled text segments. The log is untrusted text: it is turned into
 * plain strings plus a style description, rendered as React text nodes, never as HTML.
 * Only SGR (colours, bold, italic, underline) is kept; every other escape sequence is removed
 * (the shared terminal grammar finds them).
 */
import { lineParts } from '../../../shared/terminal-grammar';

export type LogColor =
  | { readonly kind: 'palette'; readonly index: number }
  | { readonly kind: 'rgb'; readonly value: string };

export interface LogStyle {
  readonly fg: LogColor | null;
  readonly bg: LogColor | null;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
}

export interface LogSegment {
  readonly text: string;
  readonly style: LogStyle;
}

export const PLAIN_STYLE: LogStyle = {
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
};

/** Control characters other than tab, which a log line cannot show. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * Splits one log line into styled segments, starting from `style` (SGR state carries across
 * lines); returns the segments and the style in force at the end of the line.
 */
export function ansiToSegments(
  line: string,
  style: LogStyle = PLAIN_STYLE,
): { readonly segments: LogSegment[]; readonly style: LogStyle } {
  const segments: LogSegment[] = [];
  let current = style;
  const push = (raw: string): void => {
    const text = raw.replace(CONTROL, '');
    if (text === '') return;
    const previous = segments.at(-1);
    if (previous !== undefined && previous.style === current) {
      segments[segments.length - 1] = { text: previous.text + text, style: current };
    } else {
      segments.push({ text, style: current });
    }
  };
  for (const part of lineParts(line)) {
    if (part.kind === 'text') push(part.text);
    else current = applySgr(current, part.params);
  }
  return { segments, style: current };
}

/** The style after one SGR sequence's parameters (`1;31`, `38;5;208`, `38;2;255;0;0`, …). */
export function applySgr(style: LogStyle, params: string): LogStyle {
  // Private or unusual forms (`?`, `>`, `:` sub-parameters) are not colours we render: ignore.
  if (/[^0-9;]/.test(params)) return style;
  const codes = params === '' ? [0] : params.split(';').map((p) => (p === '' ? 0 : Number(p)));
  let next = style;
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i] ?? 0;
    if (code === 38 || code === 48) {
      const { color, used } = extendedColor(codes, i + 1);
      i += used;
      if (color !== null) next = code === 38 ? { ...next, fg: color } : { ...next, bg: color };
      continue;
    }
    next = applyCode(next, code);
  }
  return next;
}

function applyCode(style: LogStyle, code: number): LogStyle {
  if (code === 0) return PLAIN_STYLE;
  if (code === 1) return { ...style, bold: true };
  if (code === 2) return { ...style, dim: true };
  if (code === 3) return { ...style, italic: true };
  if (code === 4) return { ...style, underline: true };
  if (code === 22) return { ...style, bold: false, dim: false };
  if (code === 23) return { ...style, italic: false };
  if (code === 24) return { ...style, underline: false };
  if (code >= 30 && code <= 37) return { ...style, fg: palette(code - 30) };
  if (code === 39) return { ...style, fg: null };
  if (code >= 40 && code <= 47) return { ...style, bg: palette(code - 40) };
  if (code === 49) return { ...style, bg: null };
  if (code >= 90 && code <= 97) return { ...style, fg: palette(code - 90 + 8) };
  if (code >= 100 && code <= 107) return { ...style, bg: palette(code - 100 + 8) };
  return style;
}

/** `5;n` (256 colours) or `2;r;g;b` (true colour) after a 38/48; `used` = parameters consumed. */
function extendedColor(
  codes: readonly number[],
  at: number,
): { readonly color: LogColor | null; readonly used: number } {
  const mode = codes[at];
  if (mode === 5) {
    const n = codes[at + 1];
    return { color: n === undefined ? null : color256(n), used: 2 };
  }
  if (mode === 2) {
    const [r, g, b] = [codes[at + 1], codes[at + 2], codes[at + 3]];
    if (r === undefined || g === undefined || b === undefined) return { color: null, used: 4 };
    return { color: rgb(r, g, b), used: 4 };
  }
  return { color: null, used: 0 };
}

function palette(index: number): LogColor {
  return { kind: 'palette', index };
}

/** Steps of the xterm 6×6×6 colour cube. */
const CUBE = [0, 95, 135, 175, 215, 255] as const;

/** One of the 256 xterm colours: the first 16 follow the theme's palette, the rest are fixed. */
export function color256(n: number): LogColor | null {
  if (!Number.isInteger(n) || n < 0 || n > 255) return null;
  if (n < 16) return palette(n);
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return rgb(level, level, level);
  }
  const i = n - 16;
  return rgb(CUBE[Math.floor(i / 36)] ?? 0, CUBE[Math.floor(i / 6) % 6] ?? 0, CUBE[i % 6] ?? 0);
}

function rgb(r: number, g: number, b: number): LogColor {
  const hex = (v: number): string =>
    Math.max(0, Math.min(255, Math.round(v)))
      .toString(16)
      .padStart(2, '0');
  return { kind: 'rgb', value: `#${hex(r)}${hex(g)}${hex(b)}` };
}
