/**
 * Per-session back-pressure between the socket and the renderer's xterm. The renderer acks the
 * bytes xterm has parsed; everything sent but not acked is "unacked". Above the high watermark the
 * socket is paused (TCP then pushes back to Workhorse and the runner), below the low one it
 * resumes. Bytes that still arrive past the hard cap are dropped and counted, so core memory stays
 * bounded even with a renderer that never acks.
 */

/**
 * The window: throughput is about window / ack round trip (docs/performance.md). The round trip
 * under a flood is one xterm parse task (≤ 12 ms) plus the bridge both ways, so 448 KiB keeps
 * ~30 MiB/s flowing, while staying under P2's bound on the renderer's pending bytes (500 KB =
 * 488 KiB): unacked bytes never exceed this when the socket honours pause().
 */
export const HIGH_WATERMARK_BYTES = 448 * 1024;
/**
 * Resume while the renderer still has about half the window to parse (several milliseconds of
 * xterm work), so new bytes arrive before it runs dry; far enough below the pause point (high −
 * read-ahead) that a socket is not paused and resumed on every read.
 */
export const LOW_WATERMARK_BYTES = 224 * 1024;
/**
 * What can still arrive after pause(): ws parses what it already read from TCP (one socket read,
 * ≤ 64 KiB) and finishes a frame in progress (the runner sends ≤ 32 KiB). The socket is paused
 * early by this much, so the high watermark is a real ceiling on unacked bytes (quality P2).
 */
export const READ_AHEAD_BYTES = 64 * 1024 + 32 * 1024;
/**
 * After a pause, only what ws has already read can still arrive (one socket read, ≤ 64 KiB, or one
 * frame: the runner sends ≤ 32 KiB). 1 MiB is far above that, so it is only reached when pausing
 * does not work, and it still bounds a session's unacked output.
 */
export const HARD_CAP_BYTES = 1024 * 1024;

export interface FlowLimits {
  /** Unacked bytes never exceed this when the socket honours pause(). */
  readonly high: number;
  readonly low: number;
  readonly hardCap: number;
  /** How early to pause: output that may still arrive after pause(). */
  readonly readAhead: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  high: HIGH_WATERMARK_BYTES,
  low: LOW_WATERMARK_BYTES,
  hardCap: HARD_CAP_BYTES,
  readAhead: READ_AHEAD_BYTES,
};

/** Where pause/resume go: the session's current socket (or nowhere between connections). */
export interface FlowSink {
  pause(): void;
  resume(): void;
}

/** Counts unacked bytes of one session and drives pause/resume and dropping. */
export class FlowControl {
  #sent = 0;
  #acked = 0;
  #paused = false;
  #dropped = 0;
  /** Dropped bytes the user has not been told about yet. */
  #unreported = 0;

  constructor(
    private readonly sink: FlowSink,
    private readonly limits: FlowLimits = DEFAULT_FLOW_LIMITS,
  ) {}

  get unacked(): number {
    return this.#sent - this.#acked;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Total bytes of socket output dropped at the hard cap. */
  get droppedBytes(): number {
    return this.#dropped;
  }

  /** Socket output of `length` bytes arrived: true to forward it, false when it was dropped. */
  admit(length: number): boolean {
    if (this.unacked + length > this.limits.hardCap) {
      this.#dropped += length;
      this.#unreported += length;
      this.#pauseIfNeeded();
      return false;
    }
    this.#sent += length;
    this.#pauseIfNeeded();
    return true;
  }

  /** Bytes the core itself adds (markers): always forwarded, but counted like output. */
  admitMarker(length: number): void {
    this.#sent += length;
    this.#pauseIfNeeded();
  }

  /** The renderer has written `bytes` more; acks beyond what was sent are ignored. */
  ack(bytes: number): void {
    this.#acked = Math.min(this.#sent, this.#acked + Math.max(0, bytes));
    if (this.#paused && this.unacked <= this.limits.low) {
      this.#paused = false;
      this.sink.resume();
    }
  }

  /**
   * Once the renderer has caught up, how many dropped bytes to announce (then forgotten); null
   * when there is nothing to say or the renderer is still behind.
   */
  takeDropNotice(): number | null {
    if (this.#unreported === 0 || this.unacked > this.limits.low) return null;
    const count = this.#unreported;
    this.#unreported = 0;
    return count;
  }

  /** A new socket starts flowing: re-apply the current pause state to it. */
  reapply(): void {
    if (this.#paused) this.sink.pause();
  }

  #pauseIfNeeded(): void {
    if (!this.#paused && this.unacked + this.limits.readAhead > this.limits.high) {
      this.#paused = true;
      this.sink.pause();
    }
  }
}
