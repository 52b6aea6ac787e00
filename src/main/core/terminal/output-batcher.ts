/**
 * Coalesces the output of every session into one `OutputChunk[]` per flush, so a flood in one tab
 * costs one bridge message per tick instead of one per websocket frame, and a quiet tab's
 * keystroke echo still goes out at once.
 */
import type { OutputChunk } from '../../../shared/models';
import type { Clock, TimerHandle } from '../ports';

/**
 * Minimum spacing of flushes while output keeps coming. 0: a flush waits only for the next timer
 * turn, which gathers every socket read of the current event-loop turn into one bridge message.
 * A longer spacing (8 ms until issue 18) held bytes back while the renderer sat idle waiting for
 * them: with the flow-control window, every millisecond of added latency costs throughput
 * (docs/performance.md). A flood still makes few messages: one per socket read burst, ≤ FLUSH_BYTES.
 */
export const FLUSH_INTERVAL_MS = 0;
/**
 * Flush at once when this much is pending: a few milliseconds of xterm parsing, and well under the
 * high watermark, so a flush never holds a session above its watermark for long.
 */
export const FLUSH_BYTES = 128 * 1024;

export type OutputSink = (chunks: readonly OutputChunk[]) => void;

/** Collects output per session and hands it to the sink in order, one chunk per session per flush. */
export class OutputBatcher {
  /** Insertion-ordered, so sessions are flushed in the order they first produced output. */
  #pending = new Map<string, Uint8Array[]>();
  #pendingBytes = 0;
  #timer: TimerHandle | null = null;
  #lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly sink: OutputSink,
    private readonly interval = FLUSH_INTERVAL_MS,
    private readonly maxBytes = FLUSH_BYTES,
  ) {}

  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /** Queues bytes of one session (never copied or decoded until the flush joins them). */
  push(sessionId: string, data: Uint8Array): void {
    if (data.length === 0) return;
    const list = this.#pending.get(sessionId);
    if (list === undefined) this.#pending.set(sessionId, [data]);
    else list.push(data);
    this.#pendingBytes += data.length;
    if (this.#pendingBytes >= this.maxBytes) {
      this.flush();
      return;
    }
    if (this.#timer === null) {
      const sinceLast = this.clock.now() - this.#lastFlushAt;
      const delay = Math.max(0, this.interval - sinceLast);
      this.#timer = this.clock.setTimeout(() => {
        this.#timer = null;
        this.flush();
      }, delay);
    }
  }

  /** Forgets a closed session's pending output (its tab is gone). */
  discard(sessionId: string): void {
    const list = this.#pending.get(sessionId);
    if (list === undefined) return;
    for (const data of list) this.#pendingBytes -= data.length;
    this.#pending.delete(sessionId);
  }

  /** Sends everything pending now. */
  flush(): void {
    if (this.#timer !== null) {
      this.clock.clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#pending.size === 0) return;
    const chunks: OutputChunk[] = [];
    for (const [sessionId, list] of this.#pending) {
      chunks.push({ sessionId, data: join(list) });
    }
    this.#pending = new Map();
    this.#pendingBytes = 0;
    this.#lastFlushAt = this.clock.now();
    this.sink(chunks);
  }

  /** Stops the timer; pending output is dropped (the service is going away). */
  dispose(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = new Map();
    this.#pendingBytes = 0;
  }
}

/** One exactly sized array per session (callers hand in exact copies, so one chunk passes as is). */
function join(list: readonly Uint8Array[]): Uint8Array {
  const [first] = list;
  if (list.length === 1 && first !== undefined) return first;
  let total = 0;
  for (const data of list) total += data.length;
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const data of list) {
    joined.set(data, offset);
    offset += data.length;
  }
  return joined;
}
