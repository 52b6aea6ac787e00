/**
 * P2's view of the core's flow control from outside: unacknowledged bytes per session (socket
 * frames in minus renderer acks, both observed without changing anything), and a snapshot of
 * where a flood's bytes are, hop by hop, at one moment.
 */
import type { Page } from '@playwright/test';
import type { BenchWindow } from '../page-api';
import type { BenchEnv } from './bench-env';
import { kernelBytes, portQueues, type InFlight } from './in-flight';

export interface UnackedTracker {
  /** Largest unacked count since resetMax(). */
  max(): number;
  /** The unacked count now. */
  current(): number;
  resetMax(): void;
  /** Socket frames seen since resetMax(). */
  frames(): number;
  stop(): void;
}

/** The core's unacked output bytes (single session), updated after every frame the core takes. */
export function trackUnacked(env: BenchEnv): UnackedTracker {
  let received = 0;
  let acked = 0;
  let max = 0;
  let frames = 0;
  const stopTap = env.app.tap.listen({
    received: (_url, data) => {
      received += data.byteLength;
      frames += 1;
      max = Math.max(max, received - acked);
    },
  });
  const stopAcks = env.app.listenAcks((_sessionId, bytes) => {
    acked += bytes;
  });
  return {
    max: () => max,
    current: () => received - acked,
    resetMax: () => {
      max = received - acked;
      frames = 0;
    },
    frames: () => frames,
    stop: () => {
      stopTap();
      stopAcks();
    },
  };
}

/** Where the flood's bytes are right now, hop by hop (all read at about the same moment). */
export async function snapshot(
  env: BenchEnv,
  page: Page,
  unacked: UnackedTracker,
): Promise<InFlight> {
  const doublePort = Number(new URL(env.double.url).port);
  const bridgePort = Number(new URL(env.app.server.origin).port);
  const coreUnacked = unacked.current();
  const [doubleUser, doubleQueues, bridgeKernel, stats] = await Promise.all([
    env.double.outputQueued(),
    portQueues(doublePort),
    kernelBytes(bridgePort),
    page.evaluate(() => (globalThis as unknown as BenchWindow).__bench?.stats()),
  ]);
  return {
    doubleUser,
    doubleKernel: doubleQueues.serverSend,
    coreKernel: doubleQueues.clientRecv,
    coreUnacked,
    bridgeKernel,
    renderer: stats === undefined ? 0 : stats.received - stats.processed,
  };
}
