/**
 * The timing numbers of terminal sessions, in one place. Tests pass smaller values through the
 * service's `tuning` option so a heartbeat or a reconnect can be exercised in milliseconds.
 */

export interface TerminalTuning {
  /** Give up on a handshake after this long. */
  readonly handshakeTimeoutMs: number;
  /** Say "waiting for the runner" once a handshake has been pending this long. */
  readonly waitingForRunnerAfterMs: number;
  /** How often the heartbeat looks at the socket (and pings it when it has been quiet). */
  readonly heartbeatIntervalMs: number;
  /** No inbound data, ping or pong for this long: the connection is dead. */
  readonly deadAfterMs: number;
  /** First automatic reconnect delay; doubles per attempt. */
  readonly reconnectBaseMs: number;
  /** Upper bound of one reconnect delay. */
  readonly reconnectMaxMs: number;
  /** Automatic reconnects per drop before the tab waits for the user. */
  readonly maxReconnectAttempts: number;
  /** How often the job log is fetched while it is followed. */
  readonly tracePollMs: number;
  /** A handshake refused faster than this did not wait for the runner (see close-reasons). */
  readonly fastRefusalMs: number;
  /** How long a Close(1000) may wait for its echo before the socket is destroyed. */
  readonly closeGraceMs: number;
  /**
   * A drop this soon after a typed `exit` or Ctrl-D, or after the shell's answer to it, means the
   * shell exited.
   */
  readonly exitWindowMs: number;
}

export const DEFAULT_TUNING: TerminalTuning = {
  // The runner waits up to 60 s for its executor before answering 503 (docs/gitlab-terminal-protocol.md §3.5); 90 s leaves
  // room for Workhorse's authorize call and a slow network on top, so "slow but fine" still opens.
  handshakeTimeoutMs: 90_000,
  // A handshake on a ready runner takes well under a second even across the world; after 2 s the
  // runner is almost certainly still preparing the executor, and the user should be told.
  waitingForRunnerAfterMs: 2_000,
  // Workhorse pings every 30 s. Ticking every 10 s and declaring death after 35 s of silence
  // detects a half-open connection within 35 + 10 = 45 s (quality F2), while a healthy idle
  // connection always sees Workhorse's ping or our pong in time.
  heartbeatIntervalMs: 10_000,
  deadAfterMs: 35_000,
  // 1 s, 2 s, 4 s, 8 s, 16 s (±50 % jitter): short enough for a blip, spread out enough that many
  // tabs reconnecting after a network change do not arrive together.
  reconnectBaseMs: 1_000,
  reconnectMaxMs: 30_000,
  // Five tries span about half a minute: a network blip recovers, a dead runner does not spin forever.
  maxReconnectAttempts: 5,
  // The protocol doc suggests a log tail every 3–5 s; the REST trace returns the whole log each time.
  tracePollMs: 4_000,
  // Workhorse dialling the runner and getting 423/refused is one round trip; "not ready" takes up
  // to 60 s. Five seconds separates the two even on a slow link.
  fastRefusalMs: 5_000,
  // The double and Workhorse echo a Close at once; 5 s covers a slow network without letting a
  // silent peer keep a socket (and with it the job's single terminal slot) for ws's 30 s default.
  closeGraceMs: 5_000,
  // The shell's answer to an `exit` and the drop arrive within milliseconds of each other (the
  // window counts from that answer, not from the typing, so a loaded machine does not matter);
  // 5 s tolerates a slow shell while not blaming a network drop minutes later on an old `exit`.
  exitWindowMs: 5_000,
};
