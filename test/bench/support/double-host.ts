/**
 * Child-process entry: runs the GitLab double and answers the bench process over IPC
 * (double-protocol.ts). Started by double-process.ts; ends when the parent says close or goes.
 */
import WebSocket from 'ws';
import { startGitlabDouble, type CreateJobSpec } from '../../gitlab-double';
import type { DoubleReplyMessage, DoubleRequestMessage } from './double-protocol';
import { wallNow } from './wall-clock';

function post(message: DoubleReplyMessage): void {
  process.send?.(message);
}

/** The armed echo pattern, or null. One pattern at a time is all the benchmarks need. */
let echoPattern: Buffer | null = null;
/** Server-side sockets the double's Workhorse has sent on, for their `bufferedAmount`. */
const serverSockets = new Set<WebSocket>();

/**
 * Watches the double's Workhorse sends without changing the double: its server-side `ws`
 * sockets share this prototype. Only while a pattern is armed does it look at the bytes.
 */
function tapServerSends(): void {
  const proto = WebSocket.prototype as unknown as {
    send: (data: unknown, ...rest: unknown[]) => void;
  };
  const original = proto.send;
  proto.send = function tappedSend(
    this: WebSocket & { _isServer?: boolean },
    data: unknown,
    ...rest: unknown[]
  ) {
    if (this._isServer === true && !serverSockets.has(this)) {
      serverSockets.add(this);
      this.once('close', () => serverSockets.delete(this));
    }
    if (echoPattern !== null && this._isServer === true && Buffer.isBuffer(data)) {
      if (data.includes(echoPattern)) {
        echoPattern = null;
        post({ kind: 'echo', at: wallNow() });
      }
    }
    original.call(this, data, ...rest);
  };
}

async function main(): Promise<void> {
  tapServerSends();
  // 'never': frames are cut only at the runner's 32 KiB, as most real traffic arrives; the
  // split-UTF-8 paths are the e2e tests' business, not a speed question.
  const double = await startGitlabDouble({ utf8Split: 'never' });
  process.on('message', (raw: DoubleRequestMessage) => {
    const reply = (result: unknown): void => {
      post({ kind: 'reply', id: raw.id, ok: true, result });
    };
    try {
      switch (raw.op) {
        case 'info':
          reply(double.info);
          return;
        case 'createJob':
          reply(double.createJob(raw.args as CreateJobSpec));
          return;
        case 'counters':
          reply(double.counters());
          return;
        case 'armEcho':
          echoPattern = Buffer.from((raw.args as { patternHex: string }).patternHex, 'hex');
          reply(null);
          return;
        case 'outputQueued': {
          let queued = 0;
          for (const socket of serverSockets) queued += socket.bufferedAmount;
          reply(queued);
          return;
        }
        case 'close':
          void double.close().then(() => {
            reply(null);
            process.disconnect();
          });
          return;
      }
    } catch (error) {
      post({ kind: 'reply', id: raw.id, ok: false, error: String(error) });
    }
  });
  process.on('disconnect', () => {
    void double.close().finally(() => process.exit(0));
  });
  post({ kind: 'ready', info: double.info });
}

main().catch((error: unknown) => {
  console.error('bench double-host:', error);
  process.exit(2);
});
