/** The bench side of the GitLab double's own process (see double-host.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CreateJobSpec, JobInfo, StartInfo, Counters } from '../../gitlab-double';
import type {
  DoubleOp,
  DoubleReplyMessage,
  DoubleRequestMessage,
  DoubleRequests,
} from './double-protocol';

/** Starting tsx, the double and its seed takes about a second; this only catches a hang. */
const START_TIMEOUT_MS = 30_000;
/** Admin calls are local and instant; this only catches a dead child. */
const CALL_TIMEOUT_MS = 15_000;

export interface DoubleProcess {
  readonly info: StartInfo;
  readonly url: string;
  readonly pid: number;
  createJob(spec: CreateJobSpec): Promise<JobInfo>;
  counters(): Promise<Counters>;
  /** Resolves with the wall-clock time the double next sends a frame containing `pattern`. */
  nextEcho(pattern: Uint8Array, timeoutMs: number): Promise<number>;
  /** Output frames waiting in the double's user space for the kernel (see double-protocol.ts). */
  outputQueued(): Promise<number>;
  close(): Promise<void>;
}

/** Forks the double into its own Node process and waits for its start line. */
export async function startDoubleProcess(): Promise<DoubleProcess> {
  const entry = fileURLToPath(new URL('./double-host.ts', import.meta.url));
  // The bench runs under tsx, whose loader flags are in execArgv; fork passes them on.
  const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const echoWaiters: ((at: number) => void)[] = [];
  let nextId = 1;
  const info = await new Promise<StartInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The GitLab double did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The GitLab double exited with ${String(code)} before it started`));
    });
    child.on('message', (message: DoubleReplyMessage) => {
      switch (message.kind) {
        case 'ready':
          clearTimeout(timer);
          resolve(message.info);
          return;
        case 'echo':
          echoWaiters.shift()?.(message.at);
          return;
        case 'reply': {
          const waiter = pending.get(message.id);
          pending.delete(message.id);
          if (message.ok) waiter?.resolve(message.result);
          else waiter?.reject(new Error(message.error));
          return;
        }
      }
    });
  });

  const call = <O extends DoubleOp>(
    op: O,
    args: DoubleRequests[O]['args'],
  ): Promise<DoubleRequests[O]['result']> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`The GitLab double did not answer ${op} within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as DoubleRequests[O]['result']);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ id, op, args } satisfies DoubleRequestMessage);
    });

  return {
    info,
    url: info.url,
    pid: child.pid ?? -1,
    createJob: (spec) => call('createJob', spec),
    counters: () => call('counters', null),
    nextEcho: async (pattern, timeoutMs) => {
      const echo = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`The double sent no echo of the pattern within ${timeoutMs} ms`));
        }, timeoutMs);
        echoWaiters.push((at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      await call('armEcho', { patternHex: Buffer.from(pattern).toString('hex') });
      return echo;
    },
    outputQueued: () => call('outputQueued', null),
    close: () => closeChild(child, () => call('close', null)),
  };
}

async function closeChild(child: ChildProcess, askToClose: () => Promise<null>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await askToClose();
  } catch {
    child.kill('SIGTERM');
  }
  await exited;
}
