/**
 * The flood source's own ceiling: a Node client straight on the double's `terminal.ws` that only
 * counts bytes (no terminal emulator). When the pages reach this rate, they are limited by how fast
 * the double's PTY produces output, not by their own path.
 */
import WebSocket from 'ws';
import type { JobInfo } from '../../gitlab-double';
import { UI_TIMEOUT_MS } from './jobshell-page';
import { FLOOD_TIMEOUT_MS } from './flood-run';
import { wallNow } from './wall-clock';

/** Enough of the stream's end to hold a marker split across frames. */
const TAIL_BYTES = 1024;

export interface SourceClient {
  /** Types `command` + Enter; resolves with bytes and ms from the first output byte to the marker. */
  flood(command: string, marker: string): Promise<{ bytes: number; ms: number }>;
  close(): void;
}

/** Connects as alice's browser would (cookie, binary subprotocol) and waits for the prompt. */
export async function connectSource(
  job: JobInfo,
  cookie: string,
  prompt: string,
): Promise<SourceClient> {
  const url = `${job.web_url.replace(/^http/, 'ws')}/terminal.ws`;
  const ws = new WebSocket(url, ['terminal.gitlab.com'], {
    headers: { Cookie: cookie },
    perMessageDeflate: false,
  });
  let onData: (data: Buffer) => void = () => undefined;
  ws.on('message', (data: Buffer) => {
    onData(data);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`No prompt from ${url} within ${UI_TIMEOUT_MS} ms`));
    }, UI_TIMEOUT_MS);
    let seen = '';
    onData = (data) => {
      seen = (seen + data.toString('latin1')).slice(-TAIL_BYTES);
      if (!seen.includes(prompt)) return;
      clearTimeout(timer);
      resolve();
    };
    ws.once('error', reject);
  });
  return {
    flood: (command, marker) =>
      new Promise((resolve, reject) => {
        const needle = Buffer.from(marker);
        let bytes = 0;
        let firstAt: number | null = null;
        let tail = Buffer.alloc(0);
        const timer = setTimeout(() => {
          reject(new Error(`No ${marker} within ${FLOOD_TIMEOUT_MS} ms`));
        }, FLOOD_TIMEOUT_MS);
        onData = (data) => {
          firstAt ??= wallNow();
          bytes += data.length;
          tail = Buffer.concat([
            tail,
            data.subarray(Math.max(0, data.length - TAIL_BYTES)),
          ]).subarray(-TAIL_BYTES);
          if (!tail.includes(needle)) return;
          clearTimeout(timer);
          onData = () => undefined;
          resolve({ bytes, ms: wallNow() - firstAt });
        };
        ws.send(Buffer.from(`${command}\r`));
      }),
    close: () => {
      ws.close(1000);
    },
  };
}
