/**
 * Routes one flush of terminal output to each session's xterm and acknowledges the bytes xterm has
 * actually parsed. The core's flow control counts unacked bytes, so an ack must never come before
 * xterm has processed the data, and must never be lost (a lost ack would leave the session paused
 * for good). The front tab's pieces are acked as xterm parses them: together at the end of an
 * xterm write task, or at once every EAGER_ACK_BYTES within a long task (docs/performance.md:
 * acking only a whole flush, or only after a whole task, held the core's window closed while
 * xterm still had most of it to parse). Hidden tabs keep one ack
 * per flush, which keeps their floods at the pace P5 was tuned with.
 */
import type { OutputChunk } from '../../../shared/models';
import { realScheduler, type Scheduler } from './scheduler';

/** A background piece waiting for its turn. */
interface Piece {
  readonly sink: OutputSink;
  readonly data: Uint8Array;
  /**
   * Bytes to ack once this piece is parsed: a hidden tab's flush is acked whole with its last
   * piece (0 on the others), so a hidden flood keeps the slower pace P5 was tuned with; the
   * front tab's pieces are acked one by one (see `route`).
   */
  readonly ack: number;
  readonly generation: number;
}

/**
 * Runs `flush` once the current task is over: xterm calls the write callbacks of one parse task
 * in a row, and a microtask after them turns those into one ack per session.
 */
export type AckDefer = (flush: () => void) => void;
const endOfTask: AckDefer = (flush) => {
  queueMicrotask(flush);
};

/** A background turn starts on a later task (delay 0): input, rendering and the front tab's output run in between. */
const YIELD_MS = 0;
/**
 * Background bytes parsed per task. Measured in P5 (20 tabs, one flooding in the back): 32 KiB
 * (~3 ms of parse) keeps the front tab's echo p95 near 20 ms at ~2.7 MiB/s for the hidden flood;
 * 64 KiB gave ~25 ms at ~7 MiB/s, 16 KiB ~18 ms but under 1 MiB/s.
 */
export const TURN_BYTES = 32 * 1024;

/**
 * A front tab's parsed bytes are acked at once when they reach this much, even in the middle of
 * an xterm parse task: the core refills the window while xterm still parses, instead of one
 * round trip after each task (a task parses up to ~300 KiB of a flood, most of the window).
 * 64 KiB keeps that to a few acks per task.
 */
export const EAGER_ACK_BYTES = 64 * 1024;

/** The part of an xterm `Terminal` the router needs: raw bytes in, a callback once parsed. */
export interface OutputSink {
  write(data: Uint8Array, callback?: () => void): void;
}

/** Where a session's output goes; null when nothing renders it any more (tab closed). */
export type SinkLookup = (sessionId: string) => OutputSink | null;
export type AckSender = (sessionId: string, bytes: number) => void;
/** Whether a session is in front (its output is what the user is watching). */
export type ForegroundCheck = (sessionId: string) => boolean;

/**
 * Largest piece handed to xterm in one write. xterm parses each write atomically and only checks
 * its 12 ms time budget between writes, so a 128 KiB core flush (FLUSH_BYTES) of a flooding tab
 * would hold the main thread for tens of milliseconds and delay a quiet tab's echo behind it;
 * 16 KiB parses in about a millisecond or two, so xterm can yield at its budget as intended.
 */
export const MAX_WRITE_BYTES = 16 * 1024;

/** Per-session bytes handed to xterm and not yet parsed, with a generation to void stale callbacks. */
interface Outstanding {
  bytes: number;
  generation: number;
}

export class OutputRouter {
  readonly #outstanding = new Map<string, Outstanding>();
  readonly #backlog = new Map<string, Piece[]>();
  /** Parsed bytes per session not yet sent as an ack (sent at the end of the parse task). */
  readonly #unsentAcks = new Map<string, number>();
  #inFlight: string | null = null;
  #nextGeneration = 1;

  constructor(
    private readonly lookup: SinkLookup,
    private readonly sendAck: AckSender,
    // Without a check every session counts as in front: written at once, nothing paced.
    private readonly isForeground: ForegroundCheck = () => true,
    private readonly scheduler: Scheduler = realScheduler,
    private readonly deferAcks: AckDefer = endOfTask,
  ) {}

  /** Bytes written to xterm (all sessions) that it has not parsed yet: the renderer's backlog. */
  get pendingBytes(): number {
    let total = 0;
    for (const entry of this.#outstanding.values()) total += entry.bytes;
    return total;
  }

  /** Pending bytes of one session. */
  pendingFor(sessionId: string): number {
    return this.#outstanding.get(sessionId)?.bytes ?? 0;
  }

  /**
   * Writes a flush; a front session's bytes are acked as xterm parses them (one ack per session
   * per parse task), a hidden session's flush once it is all parsed.
   * Sessions in front go first, then the rest by size, smallest first: a quiet tab's echo is
   * parsed before a flooding tab's bulk that arrived in the same flush. Order within a session is
   * kept, and large chunks are cut into MAX_WRITE_BYTES pieces so no single write monopolises the
   * main thread.
   */
  route(chunks: readonly OutputChunk[]): void {
    for (const { sessionId, datas, total, front } of this.#prioritised(chunks)) {
      const sink = this.lookup(sessionId);
      if (sink === null) {
        // Nobody will ever render these bytes; acking at once keeps the core from pausing a socket
        // for output that only waits on a tab that no longer exists.
        this.sendAck(sessionId, total);
        continue;
      }
      const entry = this.#entryFor(sessionId);
      entry.bytes += total;
      const generation = entry.generation;
      const pieces = datas.flatMap(slices);
      const last = pieces.length - 1;
      const queued = this.#backlog.get(sessionId);
      if (!front || queued !== undefined) {
        const list = queued ?? [];
        pieces.forEach((data, index) => {
          list.push({ sink, data, generation, ack: index === last ? total : 0 });
        });
        this.#backlog.set(sessionId, list);
        if (front) this.#drain(sessionId);
        else this.#pump();
        continue;
      }
      for (const data of pieces) {
        sink.write(data, () => {
          this.#parsed(sessionId, generation, data.byteLength);
        });
      }
    }
  }

  /** Non-empty session groups of a flush: foreground first, then by total size ascending. */
  #prioritised(chunks: readonly OutputChunk[]): SessionGroup[] {
    const groups: SessionGroup[] = [];
    for (const [sessionId, datas] of groupBySession(chunks)) {
      const total = datas.reduce((sum, data) => sum + data.byteLength, 0);
      if (total === 0) continue;
      groups.push({ sessionId, datas, total, front: this.isForeground(sessionId) });
    }
    // Array.prototype.sort is stable, so equal groups keep their arrival order.
    return groups.sort((a, b) => Number(b.front) - Number(a.front) || a.total - b.total);
  }

  /**
   * The session's xterm is gone (disposed with writes still queued): ack what it will never parse,
   * and ignore its late callbacks.
   */
  forget(sessionId: string): void {
    this.#backlog.delete(sessionId);
    this.#sendAckNow(sessionId);
    if (this.#inFlight === sessionId) {
      this.#inFlight = null;
      this.#pump();
    }
    const entry = this.#outstanding.get(sessionId);
    if (entry === undefined) return;
    this.#outstanding.delete(sessionId);
    if (entry.bytes > 0) this.sendAck(sessionId, entry.bytes);
  }

  /** Writes all of a session's queued pieces now (it came to the front). */
  #drain(sessionId: string): void {
    const list = this.#backlog.get(sessionId) ?? [];
    this.#backlog.delete(sessionId);
    for (const piece of list) this.#writePiece(sessionId, piece, false);
  }

  /** Hands one background piece to xterm; the next goes in a later task, after it is parsed. */
  #pump(): void {
    if (this.#inFlight !== null) return;
    const next = this.#backlog.entries().next();
    if (next.done === true) return;
    const [sessionId, list] = next.value;
    // Round robin: the session goes to the back of the line.
    this.#backlog.delete(sessionId);
    let budget = TURN_BYTES;
    const turn: Piece[] = [];
    for (let piece = list.shift(); piece !== undefined; piece = list.shift()) {
      turn.push(piece);
      budget -= piece.data.byteLength;
      if (budget <= 0) break;
    }
    if (list.length > 0) this.#backlog.set(sessionId, list);
    this.#inFlight = sessionId;
    turn.forEach((piece, index) => {
      this.#writePiece(sessionId, piece, index === turn.length - 1);
    });
  }

  #writePiece(sessionId: string, piece: Piece, paced: boolean): void {
    piece.sink.write(piece.data, () => {
      if (piece.ack > 0) this.#parsed(sessionId, piece.generation, piece.ack);
      if (!paced || this.#inFlight !== sessionId) return;
      this.#inFlight = null;
      this.scheduler.setTimeout(() => {
        this.#pump();
      }, YIELD_MS);
    });
  }

  #entryFor(sessionId: string): Outstanding {
    let entry = this.#outstanding.get(sessionId);
    if (entry === undefined) {
      entry = { bytes: 0, generation: this.#nextGeneration++ };
      this.#outstanding.set(sessionId, entry);
    }
    return entry;
  }

  #parsed(sessionId: string, generation: number, bytes: number): void {
    const entry = this.#outstanding.get(sessionId);
    if (entry?.generation !== generation) return;
    entry.bytes -= bytes;
    const scheduled = this.#unsentAcks.has(sessionId);
    const unsent = (this.#unsentAcks.get(sessionId) ?? 0) + bytes;
    if (unsent >= EAGER_ACK_BYTES) {
      this.sendAck(sessionId, unsent);
      this.#unsentAcks.set(sessionId, 0);
    } else {
      this.#unsentAcks.set(sessionId, unsent);
    }
    if (!scheduled) {
      this.deferAcks(() => {
        this.#sendAckNow(sessionId);
      });
    }
  }

  /** Sends the session's parsed-but-unacked bytes, if any. */
  #sendAckNow(sessionId: string): void {
    const bytes = this.#unsentAcks.get(sessionId);
    if (bytes === undefined) return;
    this.#unsentAcks.delete(sessionId);
    if (bytes > 0) this.sendAck(sessionId, bytes);
  }
}

/** One session's share of a flush. */
interface SessionGroup {
  readonly sessionId: string;
  readonly datas: readonly Uint8Array[];
  readonly total: number;
  readonly front: boolean;
}

/** `data` cut into views of at most MAX_WRITE_BYTES (no copy; xterm's decoder joins split characters). */
function slices(data: Uint8Array): Uint8Array[] {
  if (data.byteLength <= MAX_WRITE_BYTES) return [data];
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < data.byteLength; start += MAX_WRITE_BYTES) {
    pieces.push(data.subarray(start, start + MAX_WRITE_BYTES));
  }
  return pieces;
}

/** Chunks of one flush by session, each session's chunks in their original order. */
function groupBySession(chunks: readonly OutputChunk[]): Map<string, Uint8Array[]> {
  const groups = new Map<string, Uint8Array[]>();
  for (const chunk of chunks) {
    const list = groups.get(chunk.sessionId);
    if (list === undefined) groups.set(chunk.sessionId, [chunk.data]);
    else list.push(chunk.data);
  }
  return groups;
}
