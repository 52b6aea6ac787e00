/** Keystrokes and pastes to the binary frames the runner expects. */

/**
 * Largest input frame. The runner copies each message into a 32 KiB io.Copy buffer and silently
 * drops the rest (docs/gitlab-terminal-protocol.md §3.1); 4 KiB also stays under the kernel's 4 KiB canonical-mode line
 * limit of the remote TTY, so a pasted line is not cut by the PTY either.
 */
export const MAX_INPUT_FRAME_BYTES = 4 * 1024;

const ESC = '\x1b';
/** Bracketed-paste start/end, in 7-bit (ESC [) and 8-bit (CSI, U+009B) form. */
// eslint-disable-next-line no-control-regex -- ESC is part of the sequence being removed.
const PASTE_MARKERS = /(?:\x1b\[|\x9b)20[01]~/g;
export const PASTE_START = `${ESC}[200~`;
export const PASTE_END = `${ESC}[201~`;

const encoder = new TextEncoder();

/** UTF-8 bytes of `data`, cut into frames of at most `max` bytes, never inside a character. */
export function encodeInput(data: string, max = MAX_INPUT_FRAME_BYTES): readonly Uint8Array[] {
  const bytes = encoder.encode(data);
  const frames: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + max, bytes.length);
    // Back off over continuation bytes (10xxxxxx) so the cut falls before a lead byte.
    while (end < bytes.length && end > start && isContinuation(bytes[end] ?? 0)) end -= 1;
    // `max` is at least 4, so a character always fits; guard anyway against an endless loop.
    if (end === start) end = Math.min(start + max, bytes.length);
    frames.push(bytes.subarray(start, end));
    start = end;
  }
  return frames;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/**
 * What a paste types: bracketed-paste markers inside the text removed (so pasted text cannot end
 * the paste early and run as commands; xterm.js 6 does not strip them), newlines as CR (what the
 * Enter key sends), and wrapped in paste markers when the shell asked for bracketed paste.
 */
export function sanitizePaste(data: string, bracketed: boolean): string {
  let text = data;
  // Repeat until stable: removing one marker can join the halves of another ("\x1b[20\x1b[201~0~").
  for (;;) {
    const next = text.replace(PASTE_MARKERS, '');
    if (next === text) break;
    text = next;
  }
  text = text.replace(/\r\n|\n/g, '\r');
  return bracketed ? `${PASTE_START}${text}${PASTE_END}` : text;
}
