/**
 * The benchmark's baseline: what GitLab's own web terminal does (protocol doc §4,
 * app/assets/javascripts/terminal/terminal.js), on xterm.js 6 instead of v3: one WebSocket
 * straight to `terminal.ws` with `['terminal.gitlab.com']` and `binaryType = 'arraybuffer'`,
 * keystrokes as UTF-8 binary frames, and one `term.write` per message. No flow control.
 *
 * Query: mode=bytes (write the Uint8Array, the better client), mode=text (GitLab's own
 * `TextDecoder().decode(ev.data)` per frame), mode=direct (no socket: the same bytes fetched from
 * /flood.bin and written at once, the upper bound); cols, rows, scrollback,
 * fontSize, fontFamily; path (the job page's path, e.g. /group/project/-/jobs/5001).
 */
import { Terminal } from '@xterm/xterm';
import { Meter } from './meter';

/** The runner's read buffer: direct mode writes the flood in frames of this size, as it arrives. */
const DIRECT_CHUNK_BYTES = 32 * 1024;
/** Enough lines to hold a prompt and a typed command line. */
const TEXT_LINES = 50;

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'bytes';
const meter = new Meter();

const term = new Terminal({
  cursorBlink: true,
  cols: Number(params.get('cols') ?? 80),
  rows: Number(params.get('rows') ?? 24),
  scrollback: Number(params.get('scrollback') ?? 1000),
  fontSize: Number(params.get('fontSize') ?? 13),
  fontFamily: params.get('fontFamily') ?? 'monospace',
});
const container = document.getElementById('terminal');
if (container === null) throw new Error('baseline.html has no #terminal');
term.open(container);
term.focus();
window.__bench = { ...meter.api(), text: () => bufferTail(TEXT_LINES) };

/** The last `count` lines of the buffer as text, for "is the prompt there yet". */
function bufferTail(count: number): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = Math.max(0, buffer.length - count); y < buffer.length; y += 1) {
    lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
  }
  return lines.join('\n');
}

/** Writes one chunk, counting it processed in xterm's callback; a thrown discard is recorded. */
function write(data: Uint8Array | string, bytes: number): void {
  try {
    term.write(data, () => {
      meter.processed(bytes);
    });
  } catch (error) {
    meter.error(error instanceof Error ? error.message : String(error));
  }
}

window.__benchReady =
  mode === 'direct' ? startDirect() : startSocket(mode === 'text' ? 'text' : 'bytes');

function startSocket(kind: 'bytes' | 'text'): Promise<void> {
  // GitLab: ws(s):// + the page's own host + data-project-path + /terminal.ws (docs/gitlab-terminal-protocol.md §4).
  const url = `ws://${location.host}${params.get('path') ?? ''}/terminal.ws`;
  const socket = new WebSocket(url, ['terminal.gitlab.com']);
  socket.binaryType = 'arraybuffer';
  const encoder = new TextEncoder();
  socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
    const data = new Uint8Array(event.data);
    meter.received(data);
    // GitLab decodes each frame on its own (not streaming): split characters become U+FFFD.
    write(kind === 'text' ? new TextDecoder('utf-8').decode(event.data) : data, data.byteLength);
  });
  socket.addEventListener('error', () => {
    term.write('\r\nConnection failure');
  });
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => {
      term.onData((data) => {
        socket.send(encoder.encode(data));
        meter.sent();
      });
      resolve();
    });
    socket.addEventListener('close', () => {
      reject(new Error('The baseline socket closed'));
    });
  });
}

async function startDirect(): Promise<void> {
  const response = await fetch('flood.bin');
  const flood = new Uint8Array(await response.arrayBuffer());
  window.__benchDirect = () => {
    const done = new Promise<void>((resolve) => {
      let remaining = flood.byteLength;
      for (let at = 0; at < flood.byteLength; at += DIRECT_CHUNK_BYTES) {
        const chunk = flood.subarray(at, at + DIRECT_CHUNK_BYTES);
        meter.received(chunk);
        try {
          term.write(chunk, () => {
            meter.processed(chunk.byteLength);
            remaining -= chunk.byteLength;
            if (remaining === 0) resolve();
          });
        } catch (error) {
          meter.error(error instanceof Error ? error.message : String(error));
        }
      }
    });
    return done;
  };
}
