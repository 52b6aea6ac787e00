/**
 * What the page and the bridge socket's worker say to each other (browser mode). The socket lives
 * in a dedicated worker so that it is read while the page's main thread is busy parsing and
 * drawing terminal output (docs/performance.md: a page's own WebSocket is only read between the
 * main thread's tasks, and that capped a flood at what the page read per task).
 */

/** The worker's `name`, so tools that watch the page (the benchmark's probe) can find it. */
export const SOCKET_WORKER_NAME = 'jobshell-bridge-socket';

/** From the worker: the socket's events, output frames as transferred buffers. */
export type FromSocketWorker =
  | { readonly kind: 'open' }
  | { readonly kind: 'error' }
  | { readonly kind: 'close' }
  | { readonly kind: 'text'; readonly data: string }
  | { readonly kind: 'binary'; readonly data: ArrayBuffer };

/** To the worker: which socket to open, then text frames to send. */
export type ToSocketWorker =
  | { readonly kind: 'connect'; readonly url: string }
  | { readonly kind: 'send'; readonly data: string };
