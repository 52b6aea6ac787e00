/**
 * One websocket to a job, from handshake to close: its timers (handshake timeout, "waiting for the
 * runner", close grace), its heartbeat, and what went wrong. The session creates at most one at a
 * time and makes the next only after this one reported `closed`.
 */
import type { Clock, Logger, TimerHandle } from '../ports';
import type { HandshakeFailure } from './close-reasons';
import { Heartbeat } from './heartbeat';
import type { SocketEvent, SocketFactory, SocketRequest, TerminalSocket } from './socket';
import type { TerminalTuning } from './tuning';

/**
 * Who ended the connection, when we did. 'user': the tab went away; 'end': the session ends for
 * good with a reason of its own (released, account removed).
 */
export type ClosedBy = 'user' | 'end' | 'heartbeat' | 'handshake-timeout';

export interface AttemptEvents {
  waitingForRunner(): void;
  opened(): void;
  data(data: Uint8Array): void;
  closed(outcome: AttemptOutcome): void;
}

export interface AttemptOutcome {
  readonly opened: boolean;
  readonly openedAt: number | null;
  readonly closedBy: ClosedBy | null;
  readonly failure: HandshakeFailure | null;
  readonly code: number;
}

/** A websocket and its bookkeeping. */
export class ConnectionAttempt {
  readonly #socket: TerminalSocket;
  readonly #startedAt: number;
  #openedAt: number | null = null;
  #closedBy: ClosedBy | null = null;
  #failure: HandshakeFailure | null = null;
  #heartbeat: Heartbeat | null = null;
  #handshakeTimer: TimerHandle | null = null;
  #waitingTimer: TimerHandle | null = null;
  #graceTimer: TimerHandle | null = null;
  #closed = false;
  readonly #done: Promise<void>;
  #resolveDone: () => void = () => undefined;

  constructor(
    request: SocketRequest,
    createSocket: SocketFactory,
    private readonly clock: Clock,
    private readonly tuning: TerminalTuning,
    private readonly logger: Logger,
    private readonly events: AttemptEvents,
  ) {
    this.#done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    this.#startedAt = clock.now();
    // The socket first: if the factory throws (a bad proxy address), no timer is left behind.
    this.#socket = createSocket(request, (event) => {
      this.#onEvent(event);
    });
    // A test socket may answer synchronously; a real one never does.
    if (this.#closed || this.opened) return;
    this.#waitingTimer = clock.setTimeout(() => {
      this.#waitingTimer = null;
      this.events.waitingForRunner();
    }, tuning.waitingForRunnerAfterMs);
    this.#handshakeTimer = clock.setTimeout(() => {
      this.#handshakeTimer = null;
      this.#failure = { kind: 'timeout', afterMs: tuning.handshakeTimeoutMs };
      this.#closedBy = 'handshake-timeout';
      this.#socket.terminate();
    }, tuning.handshakeTimeoutMs);
  }

  get opened(): boolean {
    return this.#openedAt !== null;
  }

  /** Resolves once the socket is fully closed (so a new one to the same job may be made). */
  get done(): Promise<void> {
    return this.#done;
  }

  send(data: Uint8Array): void {
    if (this.opened && this.#closedBy === null) this.#socket.send(data);
  }

  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  /** Ends the connection: Close(1000) when open (the runner then gets 0x04), else abort the handshake. */
  /** After sleep or a clock jump: one fresh liveness check of an open socket (heartbeat.rebase). */
  resumed(): void {
    if (this.#closed || this.#closedBy !== null) return;
    this.#heartbeat?.rebase();
  }

  close(by: ClosedBy): void {
    if (this.#closed || this.#closedBy !== null) return;
    this.#closedBy = by;
    if (!this.opened) {
      this.#socket.terminate();
      return;
    }
    this.#socket.close(1000);
    this.#graceTimer = this.clock.setTimeout(() => {
      this.#graceTimer = null;
      this.logger.log('warn', 'terminal close not echoed in time; destroying the socket');
      this.#socket.terminate();
    }, this.tuning.closeGraceMs);
  }

  #onEvent(event: SocketEvent): void {
    if (this.#closed) return;
    switch (event.kind) {
      case 'open':
        this.#onOpen();
        return;
      case 'data':
        this.#heartbeat?.alive();
        if (this.opened && this.#closedBy === null) this.events.data(event.data);
        return;
      case 'alive':
        this.#heartbeat?.alive();
        return;
      case 'rejected':
        this.#failure ??= {
          kind: 'rejected',
          status: event.status,
          location: event.location,
          elapsedMs: this.clock.now() - this.#startedAt,
        };
        return;
      case 'failed':
        this.#failure ??=
          event.error === null
            ? { kind: 'protocol', detail: event.detail }
            : { kind: 'network', error: event.error };
        return;
      case 'closed':
        this.#onClosed(event.code);
        return;
    }
  }

  #onOpen(): void {
    this.#clearHandshakeTimers();
    if (this.#closedBy !== null) return;
    this.#openedAt = this.clock.now();
    this.#heartbeat = new Heartbeat(
      this.clock,
      { intervalMs: this.tuning.heartbeatIntervalMs, deadAfterMs: this.tuning.deadAfterMs },
      {
        ping: () => {
          this.#socket.ping();
        },
        dead: (silentForMs) => {
          this.logger.log('warn', 'terminal connection silent; treating it as dropped', {
            silentForMs,
          });
          this.#closedBy = 'heartbeat';
          this.#socket.terminate();
        },
      },
    );
    this.events.opened();
  }

  #onClosed(code: number): void {
    this.#closed = true;
    this.#clearHandshakeTimers();
    this.#heartbeat?.stop();
    if (this.#graceTimer !== null) this.clock.clearTimeout(this.#graceTimer);
    this.#graceTimer = null;
    this.#resolveDone();
    this.events.closed({
      opened: this.opened,
      openedAt: this.#openedAt,
      closedBy: this.#closedBy,
      failure: this.#failure,
      code,
    });
  }

  #clearHandshakeTimers(): void {
    if (this.#handshakeTimer !== null) this.clock.clearTimeout(this.#handshakeTimer);
    if (this.#waitingTimer !== null) this.clock.clearTimeout(this.#waitingTimer);
    this.#handshakeTimer = null;
    this.#waitingTimer = null;
  }
}
