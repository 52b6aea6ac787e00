/**
 * The terminal service as the rest of the app holds it: the contract's service plus each
 * session's back-pressure counters. Its own file so the service's parts (session-routing) can
 * name it without importing the service that assembles them.
 */
import type { TerminalService } from '../services';

/** Back-pressure counters of one session, for tests and benchmarks (quality P2). */
export interface FlowStats {
  readonly unackedBytes: number;
  readonly paused: boolean;
  readonly droppedBytes: number;
  readonly hasSocket: boolean;
}

export interface TerminalServiceWithStats extends TerminalService {
  flowStats(sessionId: string): FlowStats | null;
}
