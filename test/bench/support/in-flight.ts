/**
 * Where the bytes of a flood are at one moment, hop by hop (issue 18, P2 "bytes in flight when
 * Ctrl-C is pressed"): the kernel's socket queues come from `ss` (Linux iproute2), the rest from
 * the processes' own counters. Everything here only reads.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Kernel queues of the loopback connections to one listening port. */
export interface PortQueues {
  /** Received by the kernel of the connecting side, not yet read by its process (Recv-Q). */
  readonly clientRecv: number;
  /** Written by the listening side's process, not yet taken by the peer's kernel (Send-Q). */
  readonly serverSend: number;
}

/** One snapshot of the output path, in bytes, from the source to xterm. */
export interface InFlight {
  /** The double's Workhorse: frames handed to ws, not yet taken by the kernel. */
  readonly doubleUser: number;
  /** The double's socket send queue (kernel). */
  readonly doubleKernel: number;
  /** The core's socket receive queue (kernel), not yet read by the core. */
  readonly coreKernel: number;
  /** Read by the core and not yet acked by the renderer (includes the two below). */
  readonly coreUnacked: number;
  /** The bridge socket's kernel queues (core → browser), not yet read by the page. */
  readonly bridgeKernel: number;
  /** Received by the page, not yet parsed by xterm. */
  readonly renderer: number;
}

export const HOPS: readonly (keyof InFlight)[] = [
  'doubleUser',
  'doubleKernel',
  'coreKernel',
  'coreUnacked',
  'bridgeKernel',
  'renderer',
];

/** Sums the kernel queues of every established loopback connection to `port`, from both ends. */
export async function portQueues(port: number): Promise<PortQueues> {
  const filter = `( sport = :${port} or dport = :${port} )`;
  const { stdout } = await run('ss', ['-tnH', 'state', 'established', filter]);
  let clientRecv = 0;
  let serverSend = 0;
  for (const line of stdout.split('\n')) {
    const [recvQ, sendQ, local, peer] = line.trim().split(/\s+/);
    if (recvQ === undefined || sendQ === undefined || local === undefined || peer === undefined)
      continue;
    if (local.endsWith(`:${port}`)) serverSend += Number(sendQ);
    else if (peer.endsWith(`:${port}`)) clientRecv += Number(recvQ);
  }
  return { clientRecv, serverSend };
}

/** The kernel part (both ends) of a port's queues, for a hop that is one connection. */
export async function kernelBytes(port: number): Promise<number> {
  const queues = await portQueues(port);
  return queues.clientRecv + queues.serverSend;
}

/** Bytes anywhere between the double's Workhorse and xterm (coreUnacked already holds the rest). */
export function totalInFlight(s: InFlight): number {
  return s.doubleUser + s.doubleKernel + s.coreKernel + s.coreUnacked;
}

/** Per-hop medians of several snapshots, as "hop: N KiB" for a report note. */
export function describeInFlight(snapshots: readonly InFlight[]): string {
  return HOPS.map((hop) => {
    const values = snapshots.map((s) => s[hop]).sort((a, b) => a - b);
    const middle = values[Math.floor(values.length / 2)] ?? 0;
    return `${hop} ${Math.round(middle / 1024)} KiB`;
  }).join(' → ');
}
