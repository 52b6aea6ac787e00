/**
 * When a paste needs a confirmation first: a multi-line paste runs its lines as commands the
 * moment it lands (unless the shell uses bracketed paste), so anything sizeable is shown first.
 */

/** More lines than this always ask: nobody means to run six commands by accident. */
export const CONFIRM_ABOVE_LINES = 5;
/** Multi-line pastes longer than this ask too: a long two-liner can still hide a command. */
export const CONFIRM_ABOVE_CHARS = 200;
/** Lines shown in the confirmation, enough to recognise what is about to be typed. */
export const PREVIEW_LINES = 6;
/** Characters per preview line; the dialog is a preview, not an editor. */
export const PREVIEW_LINE_CHARS = 120;

export interface PasteSummary {
  /** Lines the paste types (a trailing newline does not start one more). */
  readonly lineCount: number;
  readonly charCount: number;
  readonly preview: readonly string[];
  /** True when more lines exist than the preview shows. */
  readonly truncated: boolean;
}

/** Line and character counts of a paste, with its first lines for a preview. */
export function summarizePaste(text: string): PasteSummary {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const preview = lines.slice(0, PREVIEW_LINES).map((line) => clip(line));
  return {
    lineCount: lines.length,
    charCount: text.length,
    preview,
    truncated: lines.length > PREVIEW_LINES,
  };
}

/** True when the paste should be confirmed before it is typed into the shell. */
export function pasteNeedsConfirmation(summary: PasteSummary): boolean {
  if (summary.lineCount > CONFIRM_ABOVE_LINES) return true;
  return summary.lineCount > 1 && summary.charCount > CONFIRM_ABOVE_CHARS;
}

function clip(line: string): string {
  // Control characters would be invisible (or worse) in the dialog; show them as a placeholder.
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const visible = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');
  const chars = Array.from(visible);
  return chars.length > PREVIEW_LINE_CHARS
    ? `${chars.slice(0, PREVIEW_LINE_CHARS - 1).join('')}…`
    : visible;
}
