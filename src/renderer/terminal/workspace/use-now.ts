import { useSyncExternalStore } from 'react';

/** Countdowns show seconds, so they re-render once a second, and only while one is on screen. */
export const TICK_MS = 1_000;

let current = Date.now();
const listeners = new Set<() => void>();
let timer: number | null = null;

/** One shared one-second ticker for every countdown on screen; it stops with its last reader. */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    current = Date.now();
    timer = window.setInterval(() => {
      current = Date.now();
      for (const each of listeners) each();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

function subscribeNothing(): () => void {
  return () => undefined;
}

function snapshot(): number {
  return current;
}

/** The current time, refreshed every TICK_MS while `ticking`. */
export function useNow(ticking: boolean): number {
  return useSyncExternalStore(ticking ? subscribe : subscribeNothing, snapshot);
}
