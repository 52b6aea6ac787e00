/**
 * In-page instrumentation shared by the baseline page and the probe injected into Jobshell's
 * renderer. Both feed it the same facts about ONE watched output stream — bytes received from the
 * network, bytes xterm has processed (write callbacks) — plus keydowns and sends, and it answers
 * the benchmark's questions through `window.__bench`. All times are wall-clock milliseconds
 * (`performance.timeOrigin + performance.now()`), comparable with the Node processes' stamps.
 */

import type { BenchApi, BenchWindow, FloodResult, NextResult } from '../page-api';

/** Scan only the end of each chunk for a marker: markers are followed by a short prompt at most. */
const MARKER_SCAN_BYTES = 1024;
/** Kept from the previous chunk so a marker split across two chunks is still found. */
const TAIL_BYTES = 64;

declare global {
  // Jobshell's own hook (__jobshellTest) is declared by the renderer's test-hook.ts.
  interface Window {
    __bench?: BenchWindow['__bench'];
    __benchWatch?: BenchWindow['__benchWatch'];
    __benchDirect?: BenchWindow['__benchDirect'];
    __benchReady?: BenchWindow['__benchReady'];
    __benchStartup?: BenchWindow['__benchStartup'];
  }
}

export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

const encoder = new TextEncoder();

interface MarkerWait {
  readonly needle: Uint8Array;
  offset: number | null;
  seenAt: number;
  readonly startBytes: number;
  readonly startMessages: number;
  readonly resolve: (result: FloodResult) => void;
}

interface NextWait {
  keyAt: number | null;
  sentAt: number | null;
  recvAt: number | null;
  offset: number | null;
  resolve: ((result: NextResult) => void) | null;
  result: NextResult | null;
}

/** The stream meter; one per page. */
export class Meter {
  #received = 0;
  #processed = 0;
  #messages = 0;
  #maxPending = 0;
  #firstAt: number | null = null;
  #tail = new Uint8Array(0);
  #marker: MarkerWait | null = null;
  #markerResult: Promise<FloodResult> | null = null;
  #next: NextWait | null = null;
  readonly #frameTimes: number[] = [];
  readonly errors: string[] = [];

  constructor() {
    const tick = (): void => {
      this.#frameTimes.push(wallNow());
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.addEventListener(
      'keydown',
      () => {
        if (this.#next !== null && this.#next.keyAt === null) this.#next.keyAt = wallNow();
      },
      { capture: true },
    );
  }

  /** Bytes of the watched stream arrived from the network. */
  received(data: Uint8Array): void {
    const at = wallNow();
    this.#firstAt ??= at;
    this.#received += data.byteLength;
    this.#messages += 1;
    this.#maxPending = Math.max(this.#maxPending, this.#received - this.#processed);
    const next = this.#next;
    if (next !== null && next.recvAt === null && next.keyAt !== null) {
      next.recvAt = at;
      next.offset = this.#received;
    }
    const marker = this.#marker;
    if (marker !== null && marker.offset === null && this.#contains(data, marker.needle)) {
      marker.offset = this.#received;
      marker.seenAt = at;
    }
    this.#keepTail(data);
  }

  /** xterm has processed `bytes` more of the watched stream. */
  processed(bytes: number): void {
    const at = wallNow();
    this.#processed += bytes;
    const marker = this.#marker;
    if (marker?.offset != null && this.#processed >= marker.offset) {
      this.#marker = null;
      const firstAt = this.#firstAt ?? at;
      marker.resolve({
        bytes: marker.offset - marker.startBytes,
        messages: this.#messages - marker.startMessages,
        firstAt,
        endAt: at,
        frames: this.frames(firstAt, at),
        maxPending: this.#maxPending,
        markerSeenAt: marker.seenAt,
      });
    }
    const next = this.#next;
    if (next?.offset != null && next.recvAt !== null && this.#processed >= next.offset) {
      const result = { keyAt: next.keyAt, sentAt: next.sentAt, recvAt: next.recvAt, doneAt: at };
      next.offset = null;
      next.result = result;
      next.resolve?.(result);
    }
  }

  /** The page sent input for the watched stream. */
  sent(): void {
    const next = this.#next;
    if (next !== null && next.sentAt === null) next.sentAt = wallNow();
  }

  /** Records a page error; also on the console, where the benchmark collects them. */
  error(message: string): void {
    this.errors.push(message);
    console.error(message);
  }

  /** The API Playwright calls. */
  api(): BenchApi {
    return {
      reset: () => {
        this.#received = 0;
        this.#processed = 0;
        this.#messages = 0;
        this.#maxPending = 0;
        this.#firstAt = null;
        this.#frameTimes.length = 0;
      },
      armMarker: (marker, timeoutMs) => {
        const result = withTimeout(
          new Promise<FloodResult>((resolve) => {
            this.#marker = {
              needle: encoder.encode(marker),
              offset: null,
              seenAt: 0,
              startBytes: this.#received,
              startMessages: this.#messages,
              resolve,
            };
          }),
          timeoutMs,
          `marker ${marker}`,
        );
        // Observed by markerResult(); this only keeps an early timeout from being "unhandled".
        result.catch(() => undefined);
        this.#markerResult = result;
      },
      markerResult: () => this.#markerResult ?? Promise.reject(new Error('armMarker() first')),
      armNext: () => {
        this.#next = {
          keyAt: null,
          sentAt: null,
          recvAt: null,
          offset: null,
          resolve: null,
          result: null,
        };
      },
      nextResult: (timeoutMs) => {
        const next = this.#next;
        if (next === null) return Promise.reject(new Error('armNext() first'));
        if (next.result !== null) return Promise.resolve(next.result);
        return withTimeout(
          new Promise<NextResult>((resolve) => {
            next.resolve = resolve;
          }),
          timeoutMs,
          'echo',
        );
      },
      frames: (from, to) => this.frames(from, to),
      stats: () => ({
        received: this.#received,
        processed: this.#processed,
        maxPending: this.#maxPending,
        errors: [...this.errors],
      }),
      now: wallNow,
    };
  }

  frames(from: number, to: number): number {
    let count = 0;
    for (const t of this.#frameTimes) if (t >= from && t <= to) count += 1;
    return count;
  }

  #contains(data: Uint8Array, needle: Uint8Array): boolean {
    const start = Math.max(0, data.byteLength - MARKER_SCAN_BYTES);
    // The previous chunk's tail only joins when this chunk is scanned from its first byte.
    const tail = start === 0 ? this.#tail : new Uint8Array(0);
    const scan = new Uint8Array(tail.byteLength + data.byteLength - start);
    scan.set(tail, 0);
    scan.set(data.subarray(start), tail.byteLength);
    return indexOf(scan, needle) >= 0;
  }

  #keepTail(data: Uint8Array): void {
    const keep = TAIL_BYTES;
    if (data.byteLength >= keep) {
      this.#tail = data.slice(data.byteLength - keep);
      return;
    }
    const joined = new Uint8Array(this.#tail.byteLength + data.byteLength);
    joined.set(this.#tail, 0);
    joined.set(data, this.#tail.byteLength);
    this.#tail = joined.slice(Math.max(0, joined.byteLength - keep));
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first ?? 0);
    i >= 0 && i + needle.length <= haystack.length;
    i = haystack.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`No ${what} within ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
