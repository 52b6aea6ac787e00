import { EventEmitter } from 'node:events';
import type { DoubleEventMap, DoubleEventName } from './types';

type Listener<K extends DoubleEventName> = (payload: DoubleEventMap[K]) => void;

/** A typed facade over EventEmitter, so tests get payload types without casts. */
export class DoubleEvents {
  readonly #inner = new EventEmitter();

  constructor() {
    // Tests may wait on many things at once; a warning about "leaks" would only be noise.
    this.#inner.setMaxListeners(0);
  }

  /** Subscribes; returns the unsubscribe function. */
  on<K extends DoubleEventName>(name: K, listener: Listener<K>): () => void {
    this.#inner.on(name, listener);
    return () => {
      this.#inner.off(name, listener);
    };
  }

  off<K extends DoubleEventName>(name: K, listener: Listener<K>): void {
    this.#inner.off(name, listener);
  }

  once<K extends DoubleEventName>(name: K, listener: Listener<K>): void {
    this.#inner.once(name, listener);
  }

  emit<K extends DoubleEventName>(name: K, payload: DoubleEventMap[K]): void {
    this.#inner.emit(name, payload);
  }

  listenerCount(name: DoubleEventName): number {
    return this.#inner.listenerCount(name);
  }
}

export const DEFAULT_WAIT_TIMEOUT_MS = 10_000;

/**
 * Resolves with the first payload of `name` that satisfies `predicate`. Call it BEFORE the action
 * that triggers the event and await it afterwards, so the event cannot slip by.
 */
export function waitForEvent<K extends DoubleEventName>(
  double: { readonly events: DoubleEvents },
  name: K,
  predicate: (payload: DoubleEventMap[K]) => boolean = () => true,
  timeoutMs: number = DEFAULT_WAIT_TIMEOUT_MS,
): Promise<DoubleEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`waitForEvent: no matching '${name}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = double.events.on(name, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      stop();
      resolve(payload);
    });
  });
}

/** What the runner logs when it holds a finished job open (docs/gitlab-terminal-protocol.md §8.3). */
const HOLD_LOG_LINE = 'Terminal is connected';

/**
 * Ends the job's script while a terminal is attached and resolves once the runner holds the job
 * open for it (its log says "Terminal is connected, will time out in …").
 */
export async function endScriptIntoHold(
  double: { readonly events: DoubleEvents; endScript(jobId: number): void },
  jobId: number,
): Promise<void> {
  const held = waitForEvent(
    double,
    'log',
    (e) => e.jobId === jobId && e.line.includes(HOLD_LOG_LINE),
  );
  double.endScript(jobId);
  await held;
}

/** Call it BEFORE the action that finishes the job: resolves once the job has passed. */
export function jobPassed(
  double: { readonly events: DoubleEvents },
  jobId: number,
  timeoutMs: number = DEFAULT_WAIT_TIMEOUT_MS,
): Promise<DoubleEventMap['job-updated']> {
  return waitForEvent(
    double,
    'job-updated',
    (j) => j.id === jobId && j.status === 'success',
    timeoutMs,
  );
}
