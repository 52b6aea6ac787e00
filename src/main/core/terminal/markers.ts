/**
 * Lines the core writes into a tab's output stream, so the terminal itself tells what happened
 * between shells. Dim (SGR 2) so they read as annotations, on a line of their own.
 */

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

function line(text: string): string {
  // Reset first: the old shell may have left colours or modes on; the marker must be readable.
  return `${RESET}\r\n${DIM}${text}${RESET}\r\n`;
}

/** Strips control characters from text that came from outside (API messages, usernames). */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/**
 * Marker text is wrapped at word boundaries to this many columns: the core does not know the
 * tab's width, and a terminal wraps at the column, mid-word. Narrower than a tab next to an open
 * log pane at the default font (about 60 columns at 1280 px).
 */
export const MARKER_COLUMNS = 56;

/** Breaks `text` into lines of at most `width` columns, between words (a longer word stays whole). */
export function wrapWords(text: string, width: number): readonly string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * A marker's lines: `── heading: details`, wrapped between words, with no closing rule (which
 * a narrow tab would leave dangling on a line of its own).
 */
function block(text: string): string {
  return line(wrapWords(`── ${plain(text)}`, MARKER_COLUMNS).join(`${RESET}\r\n${DIM}`));
}

/** Before the first output of every connection after the first: each connection is a new shell. */
export function reconnectedMarker(): string {
  return block('reconnected: new shell, previous shell state lost');
}

export function sessionEndedMarker(reasonMessage: string): string {
  return block(`session ended: ${reasonMessage}`);
}

export function droppedMarker(bytes: number): string {
  return line(`[jobshell: ${bytes} bytes of output dropped]`);
}
