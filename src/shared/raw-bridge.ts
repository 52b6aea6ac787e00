import type { Envelope } from './contract';

/**
 * The untyped surface a transport offers the renderer: the preload's `window.jobshell` object and
 * the browser-mode WebSocket client both implement it, and `createBridge` types it.
 */
export interface RawBridge {
  request(method: string, params: unknown): Promise<Envelope<unknown>>;
  notify(name: string, params: unknown): void;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

/** The name under which the preload exposes the RawBridge on `window`. */
export const BRIDGE_GLOBAL = 'jobshell';
