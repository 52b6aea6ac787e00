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

/** Before the first output of every connection after the first: each connection is a new shell. */
export function reconnectedMarker(): string {
  return line('── reconnected: new shell, previous shell state lost ──');
}

export function sessionEndedMarker(reasonMessage: string): string {
  return line(`── session ended: ${plain(reasonMessage)} ──`);
}

export function droppedMarker(bytes: number): string {
  return line(`[jobshell: ${bytes} bytes of output dropped]`);
}
