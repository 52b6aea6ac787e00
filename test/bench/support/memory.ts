/** Memory readings of this process (where the core runs) and of a page (through CDP). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Page } from '@playwright/test';

/**
 * `gc()` even when Node was started without --expose-gc (npm run bench does not pass it): the
 * flag can be set at run time, and a fresh context then has the function.
 */
function findGc(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

const gc = findGc();

/** Whether readings follow a real full collection (reported in notes). */
export const HAS_GC = gc !== null;

export interface NodeMemory {
  readonly rss: number;
  readonly heapUsed: number;
  /** Memory of Buffers and ArrayBuffers outside the JS heap (terminal bytes live there). */
  readonly external: number;
}

/** This process's memory after two full collections (the second catches finalizer leftovers). */
export function nodeMemory(): NodeMemory {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external };
}

export interface PageMemory {
  /** V8 heap in use. */
  readonly jsHeap: number;
  /** Blink's objects (DOM nodes and the like) in V8's unified heap. */
  readonly embedder: number;
  /** ArrayBuffer backing stores: xterm keeps its buffer lines in typed arrays, so this counts. */
  readonly backing: number;
  readonly total: number;
}

/** The page's memory in use after forced collections (CDP; Chromium only). */
export async function pageMemory(page: Page): Promise<PageMemory> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return {
      jsHeap: usage.usedSize,
      embedder: usage.embedderHeapUsedSize,
      backing: usage.backingStorageSize,
      total: usage.usedSize + usage.embedderHeapUsedSize + usage.backingStorageSize,
    };
  } finally {
    await cdp.detach();
  }
}
