/** Removing terminal control sequences from text (for transcripts and job-log matching). */

/**
 * ESC-introduced sequences: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC
 * strings (ESC P/X/^/_ … ESC \), and two-byte escapes (ESC + one char); plus the 8-bit CSI/OSC.
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]',
    '\\u009b[0-?]*[ -/]*[@-~]',
    '\\u001b\\][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?',
    '\\u009d[^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?',
    '\\u001b[PX^_][^\\u001b]*(?:\\u001b\\\\)?',
    '\\u001b[\\s\\S]',
  ].join('|'),
  'g',
);

/** Text with every escape sequence removed (other control characters are left to the caller). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '');
}
