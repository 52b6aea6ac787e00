/**
 * Realistic terminal floods: coloured `ls -l`-like lines, written once per run to a temp file that
 * the double's shells `cat` (they run on this machine), plus the exact bytes the PTY turns that
 * into (LF → CRLF), for writing straight into xterm.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FloodFiles {
  /** LF line ends: what the shell cats. */
  readonly catPath: string;
  /** CRLF line ends: what the PTY sends for it, byte for byte. */
  readonly ptyBytesPath: string;
  /** Size of the PTY's output for one `cat` of catPath. */
  readonly ptyBytes: number;
  readonly dir: string;
  remove(): Promise<void>;
}

const COLOURS = ['01;34', '01;32', '01;36', '00', '01;35'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One line of `ls -l --color` (without its line end); varied so no two neighbours are equal. */
function line(index: number): string {
  const colour = COLOURS[index % COLOURS.length] ?? '00';
  const dir = colour === '01;34';
  const mode = dir ? 'drwxr-xr-x' : colour === '01;32' ? '-rwxr-xr-x' : '-rw-r--r--';
  const size = String((index * 7919) % 9_999_999).padStart(8, ' ');
  const month = MONTHS[index % 12] ?? 'Jan';
  const day = String((index % 28) + 1).padStart(2, ' ');
  const time = `${String(index % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`;
  const name = `${dir ? 'module' : 'file'}-${index.toString(36)}${dir ? '' : '.ts'}`;
  return `${mode}  1 alice developers ${size} ${month} ${day} ${time} \u001b[${colour}m${name}\u001b[0m`;
}

/** Writes about `targetBytes` of PTY output worth of lines, and at least `minLines` lines. */
export async function writeFlood(targetBytes: number, minLines = 0): Promise<FloodFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'jbf-'));
  const lines: string[] = [];
  let ptyBytes = 0;
  for (let i = 0; ptyBytes < targetBytes || lines.length < minLines; i += 1) {
    const text = line(i);
    lines.push(text);
    ptyBytes += Buffer.byteLength(text) + 2;
  }
  // Short names: the typed command must fit on one terminal line.
  const catPath = join(dir, 'f');
  const ptyBytesPath = join(dir, 'f.bin');
  await writeFile(catPath, `${lines.join('\n')}\n`);
  await writeFile(ptyBytesPath, `${lines.join('\r\n')}\r\n`);
  return {
    catPath,
    ptyBytesPath,
    ptyBytes,
    dir,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
