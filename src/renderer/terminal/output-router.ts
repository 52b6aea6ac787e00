/**
 * Routes one flush of terminal output to each session's xterm and acknowledges, per session and
 * per flush, the bytes xterm has actually parsed. The core's flow control counts unacked bytes, so
 * an ack must never come before xterm has processed the data, and must never be lost (a lost ack
 * would leave the session paused for good).
 */
import type { OutputChunk } from '../../shared/models';

/** The part of an xterm `Terminal` the router needs: raw bytes in, a callback once parsed. */
export interface OutputSink {
  write(data: Uint8Array, callback?: () => void): void;
}

/** Where a session's output goes; null when nothing renders it any more (tab closed). */
export type SinkLookup = (sessionId: string) => OutputSink | null;
export type AckSender = (sessionId: string, bytes: number) => void;

/** Per-session bytes handed to xterm and not yet parsed, with a generation to void stale callbacks. */
interface Outstanding {
  bytes: number;
  generation: number;
}

export class OutputRouter {
  readonly #outstanding = new Map<string, Outstanding>();
  #nextGeneration = 1;

  constructor(
    private readonly lookup: SinkLookup,
    private readonly sendAck: AckSender,
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

  /** Writes a flush; one ack per session, sent when xterm has parsed that session's last chunk. */
  route(chunks: readonly OutputChunk[]): void {
    for (const [sessionId, datas] of groupBySession(chunks)) {
      const total = datas.reduce((sum, data) => sum + data.byteLength, 0);
      if (total === 0) continue;
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
      const last = datas.length - 1;
      datas.forEach((data, index) => {
        if (index < last) {
          sink.write(data);
          return;
        }
        sink.write(data, () => {
          this.#parsed(sessionId, generation, total);
        });
      });
    }
  }

  /**
   * The session's xterm is gone (disposed with writes still queued): ack what it will never parse,
   * and ignore its late callbacks.
   */
  forget(sessionId: string): void {
    const entry = this.#outstanding.get(sessionId);
    if (entry === undefined) return;
    this.#outstanding.delete(sessionId);
    if (entry.bytes > 0) this.sendAck(sessionId, entry.bytes);
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
    this.sendAck(sessionId, bytes);
  }
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
