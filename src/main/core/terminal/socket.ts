/**
 * The terminal websocket behind a small interface, so sessions are written and tested without the
 * `ws` package. The production factory (`ws` with the account's trust policy) is a Node adapter:
 * src/main/node/ws-socket.ts.
 */
import type { NetworkOptions } from '../ports';
import type { NetworkError } from '../net/network-error';

export interface SocketRequest {
  readonly url: string;
  /** Cookie and User-Agent; never an Origin (Workhorse would compare it with Host, §2.4). */
  readonly headers: Readonly<Record<string, string>>;
  readonly network: NetworkOptions;
  /** The account's base URL: the cookie goes nowhere outside it (net/credential-scope.ts). */
  readonly credentialScope?: string;
}

/** What a socket reports, in order; `closed` comes exactly once and last. */
export type SocketEvent =
  | { readonly kind: 'open'; readonly protocol: string }
  | { readonly kind: 'data'; readonly data: Uint8Array }
  /** A ping or pong from the server: the connection lives. */
  | { readonly kind: 'alive' }
  /** The server answered the upgrade with something other than 101. */
  | { readonly kind: 'rejected'; readonly status: number; readonly location: string | null }
  | { readonly kind: 'failed'; readonly error: NetworkError | null; readonly detail: string }
  | { readonly kind: 'closed'; readonly code: number };

export interface TerminalSocket {
  send(data: Uint8Array): void;
  ping(): void;
  pause(): void;
  resume(): void;
  /** Starts the closing handshake (Close frame with `code`). */
  close(code: number): void;
  /** Destroys the connection at once. */
  terminate(): void;
}

export type SocketFactory = (
  request: SocketRequest,
  onEvent: (event: SocketEvent) => void,
) => TerminalSocket;
