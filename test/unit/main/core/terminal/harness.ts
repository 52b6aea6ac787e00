/**
 * The terminal service against the real GitLab double: an AccountAccess over the double's users,
 * and a fake renderer that collects each session's bytes (acking them like xterm would, or not).
 * Everything waits on events; nothing sleeps.
 */
import { TextDecoder } from 'node:util';
import {
  seedUser,
  startGitlabDouble,
  type GitlabDouble,
  type GitlabDoubleOptions,
} from '../../../../gitlab-double';
import type {
  AuthFailureSource,
  AccountAccess,
  AccountConnection,
} from '../../../../../src/main/core/services';
import {
  DIRECT_NETWORK,
  systemClock,
  type Clock,
  type HttpTransport,
} from '../../../../../src/main/core/ports';
import { createNodeHttpTransport } from '../../../../../src/main/node/net/node-http-transport';
import { createWsSocket } from '../../../../../src/main/node/ws-socket';
import {
  createTerminalService,
  SESSIONS_COALESCE_MS,
  type TerminalServiceOptions,
  type TerminalServiceWithStats,
} from '../../../../../src/main/core/terminal/terminal-service';
import type { TerminalTuning } from '../../../../../src/main/core/terminal/tuning';
import type { SessionState, SessionView } from '../../../../../src/shared/models';
import { DEFAULT_SETTINGS } from '../../../../../src/main/core/settings/settings-rules';
import { captureLogger } from '../../../support/capture-logger';

/** How long a test waits for something the double does at once (real shells need a moment). */
export const WAIT_MS = 10_000;
/** Text kept per session for matching: enough for any prompt or marker, bounded under floods. */
const TAIL_CHARS = 64 * 1024;

export class FakeAccounts implements AccountAccess {
  readonly authFailures: { accountId: string; source: AuthFailureSource }[] = [];
  constructor(readonly list: AccountConnection[]) {}

  connection(accountId: string): AccountConnection | null {
    return this.list.find((c) => c.accountId === accountId) ?? null;
  }

  connections(): readonly AccountConnection[] {
    return this.list;
  }

  findByUrl(url: string): AccountConnection | null {
    return this.list.find((c) => url === c.baseUrl || url.startsWith(`${c.baseUrl}/`)) ?? null;
  }

  reportAuthFailure(accountId: string, source: AuthFailureSource): void {
    this.authFailures.push({ accountId, source });
  }

  onConnectionsChanged(): () => void {
    return () => undefined;
  }
}

interface Received {
  bytes: number;
  chunks: Uint8Array[];
  tail: string;
  decoder: TextDecoder;
}

type Waiter = () => boolean;

/** Collects output per session like the renderer; acks at once unless told not to. */
export class FakeRenderer {
  autoAck = true;
  /** Keep every byte (for byte-exact checks); off for floods. */
  keepBytes = true;
  readonly sessions = new Map<string, Received>();
  /** Largest unacked count seen at any flush, per session. */
  readonly maxUnacked = new Map<string, number>();
  #waiters = new Set<Waiter>();
  views: readonly SessionView[] = [];
  /** Every state each session was published in, in order (what a renderer could have shown). */
  readonly history = new Map<string, SessionState[]>();
  readonly focused: string[] = [];

  constructor(private readonly service: TerminalServiceWithStats) {
    service.onOutput((chunks) => {
      for (const { sessionId, data } of chunks) {
        const r = this.#received(sessionId);
        r.bytes += data.length;
        if (this.keepBytes) r.chunks.push(data);
        r.tail = (r.tail + r.decoder.decode(data, { stream: true })).slice(-TAIL_CHARS);
        const stats = service.flowStats(sessionId);
        if (stats !== null) {
          this.maxUnacked.set(
            sessionId,
            Math.max(this.maxUnacked.get(sessionId) ?? 0, stats.unackedBytes),
          );
        }
        if (this.autoAck) service.ack(sessionId, data.length);
      }
      this.#check();
    });
    service.onSessions((views) => {
      this.views = views;
      for (const view of views) {
        const seen = this.history.get(view.id) ?? [];
        if (seen.at(-1) !== view.state) seen.push(view.state);
        this.history.set(view.id, seen);
      }
      this.#check();
    });
    service.onFocus((id) => {
      this.focused.push(id);
    });
  }

  text(sessionId: string): string {
    return this.sessions.get(sessionId)?.tail ?? '';
  }

  bytes(sessionId: string): Uint8Array {
    return Buffer.concat(this.sessions.get(sessionId)?.chunks ?? []);
  }

  received(sessionId: string): number {
    return this.sessions.get(sessionId)?.bytes ?? 0;
  }

  /** Resolves when the session's recent output matches. */
  waitForText(sessionId: string, pattern: RegExp | string, timeoutMs = WAIT_MS): Promise<string> {
    const matches = (): boolean => {
      const text = this.text(sessionId);
      return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    };
    return this.waitFor(`output ${String(pattern)} in ${sessionId}`, matches, timeoutMs).then(() =>
      this.text(sessionId),
    );
  }

  /** Resolves with the session's state once it satisfies the predicate. */
  async waitForState<K extends SessionState['kind']>(
    sessionId: string,
    kind: K,
    predicate: (state: Extract<SessionState, { kind: K }>) => boolean = () => true,
    timeoutMs = WAIT_MS,
  ): Promise<Extract<SessionState, { kind: K }>> {
    const current = (): Extract<SessionState, { kind: K }> | null => {
      const state = this.service.list().find((s) => s.id === sessionId)?.state;
      if (state?.kind !== kind) return null;
      const narrowed = state as Extract<SessionState, { kind: K }>;
      return predicate(narrowed) ? narrowed : null;
    };
    await this.waitFor(`state ${kind} of ${sessionId}`, () => current() !== null, timeoutMs);
    const state = current();
    if (state === null) throw new Error('state vanished');
    return state;
  }

  /** Resolves when `condition` holds, re-checked on every output flush and session change. */
  waitFor(what: string, condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = () => {
        if (!condition()) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const views = JSON.stringify(this.service.list().map((s) => s.state));
        reject(new Error(`timed out waiting for ${what}; sessions: ${views}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  #check(): void {
    for (const waiter of [...this.#waiters]) if (waiter()) this.#waiters.delete(waiter);
  }

  #received(sessionId: string): Received {
    let r = this.sessions.get(sessionId);
    if (r === undefined) {
      r = { bytes: 0, chunks: [], tail: '', decoder: new TextDecoder() };
      this.sessions.set(sessionId, r);
    }
    return r;
  }
}

export interface Harness {
  readonly gl: GitlabDouble;
  readonly accounts: FakeAccounts;
  readonly service: TerminalServiceWithStats;
  readonly renderer: FakeRenderer;
  readonly logger: ReturnType<typeof captureLogger>;
  /** Connection for a user of the double (alice by default), with or without a token. */
  connectionFor(username?: string, withToken?: boolean): AccountConnection;
  /** Opens a terminal to a job of the double by id. */
  openJob(jobId: number, accountId?: string): Promise<string>;
  /** Highest number of terminals the double had connected to one job at once. */
  maxConcurrent(jobId: number): number;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly double?: GitlabDoubleOptions;
  readonly service?: TerminalServiceOptions;
  readonly clock?: Clock;
  /** Give alice's account her api token (default true); without, the API is used with the cookie. */
  readonly token?: boolean;
  /** Wraps the real HTTP transport (e.g. to hold API answers back while a state is looked at). */
  readonly http?: (inner: HttpTransport) => HttpTransport;
}

/**
 * Holds API requests back while closed, so a test can look at the state a session is in while it
 * waits for GitLab's answer; the requests then go to the double unchanged.
 */
export class HttpGate {
  #closed = false;
  #waiting: (() => void)[] = [];
  #inFlight = 0;
  #idle: (() => void)[] = [];
  /** Requests that arrived while closed. */
  held = 0;

  wrap(inner: HttpTransport): HttpTransport {
    return async (request) => {
      this.#inFlight += 1;
      try {
        if (this.#closed) {
          this.held += 1;
          await new Promise<void>((resolve) => this.#waiting.push(resolve));
        }
        return await inner(request);
      } finally {
        this.#inFlight -= 1;
        if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
      }
    };
  }

  close(): void {
    this.#closed = true;
  }

  open(): void {
    this.#closed = false;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }

  /** Resolves once no request is in flight (all answers handed back to the core). */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}

/** Starts a double and a terminal service for alice. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const gl = await startGitlabDouble(options.double ?? {});
  const network =
    gl.info.ca === undefined ? DIRECT_NETWORK : { ...DIRECT_NETWORK, ca: [gl.info.ca] };
  const connectionFor = (
    username = 'alice',
    withToken = options.token ?? true,
  ): AccountConnection => {
    const user = seedUser(gl, username);
    return {
      accountId: `acc-${username}`,
      baseUrl: gl.url,
      userId: user.id,
      username: user.username,
      cookieHeader: user.cookie,
      token: withToken ? user.token : null,
      tokenScopes: withToken ? ['api'] : [],
      network,
    };
  };
  const accounts = new FakeAccounts([connectionFor()]);
  const logger = captureLogger();
  const transport = createNodeHttpTransport();
  const service = createTerminalService({
    accounts,
    http: options.http === undefined ? transport : options.http(transport),
    clock: options.clock ?? systemClock,
    logger,
    settings: () => DEFAULT_SETTINGS,
    version: 'test',
    createSocket: options.service?.createSocket ?? createWsSocket,
    ...options.service,
  });
  const renderer = new FakeRenderer(service);
  const live = new Map<number, number>();
  const peak = new Map<number, number>();
  const stopConnected = gl.events.on('terminal-connected', ({ jobId }) => {
    const now = (live.get(jobId) ?? 0) + 1;
    live.set(jobId, now);
    peak.set(jobId, Math.max(peak.get(jobId) ?? 0, now));
  });
  const stopDisconnected = gl.events.on('terminal-disconnected', ({ jobId }) => {
    live.set(jobId, (live.get(jobId) ?? 0) - 1);
  });
  return {
    gl,
    accounts,
    service,
    renderer,
    logger,
    connectionFor,
    openJob: async (jobId, accountId = 'acc-alice') => {
      const job =
        gl.info.jobs.find((j) => j.id === jobId) ?? gl.jobsAdmin().find((j) => j.id === jobId);
      if (job === undefined) throw new Error(`no job ${jobId}`);
      const { sessionId } = await service.open({
        kind: 'job',
        accountId,
        projectId: job.project_id,
        jobId,
      });
      return sessionId;
    },
    maxConcurrent: (jobId) => peak.get(jobId) ?? 0,
    close: async () => {
      stopConnected();
      stopDisconnected();
      await service.dispose();
      await gl.close();
    },
  };
}

/**
 * Fast backoff only: a wrong reconnect would happen within the test, while the heartbeat keeps
 * its production timing, so a CPU-starved test process can never look like a silent link (a test
 * that asserts "one handshake" failed that way under load). The shortest first delay (half the
 * base, backoffDelay's equal jitter) outlasts the sessions' coalescing window: timers fire in
 * deadline order, so the renderer always sees 'reconnecting' before the retry replaces it. With
 * a 20 ms base a 10–16 ms delay sometimes hid it, and the F1 tests failed.
 */
export const FAST_RECONNECT: Partial<TerminalTuning> = {
  reconnectBaseMs: 4 * SESSIONS_COALESCE_MS,
  reconnectMaxMs: 8 * SESSIONS_COALESCE_MS,
};

/**
 * Fast heartbeat too, for the tests that need a silent link detected (half-open). 1.5 s of
 * silence: a loaded machine stalls a test process for hundreds of milliseconds, never that long
 * between two 100 ms pings.
 */
export const FAST_TUNING: Partial<TerminalTuning> = {
  ...FAST_RECONNECT,
  heartbeatIntervalMs: 100,
  deadAfterMs: 1_500,
};

/** A harness with a new job of alice's open in a session, its shell prompt shown. */
export async function startWithShell(
  options: HarnessOptions,
  spec: { readonly mode?: 'shell' | 'kubernetes' | 'docker'; readonly exit_code?: number } = {},
): Promise<{ harness: Harness; id: string; jobId: number }> {
  const harness = await startHarness(options);
  const job = harness.gl.createJob({
    user: 'alice',
    mode: spec.mode ?? 'shell',
    exit_code: spec.exit_code ?? 0,
  });
  const id = await harness.openJob(job.id);
  await harness.renderer.waitForState(id, 'open');
  await harness.renderer.waitForText(id, `job-${job.id}$ `);
  return { harness, id, jobId: job.id };
}

/** The seeded job of a user with this name (rspec: alice's shell job, rubocop: bob's). */
export function seededJob(
  gl: GitlabDouble,
  name: string,
): { id: number; project_id: number; web_url: string } {
  const job = gl.info.jobs.find((j) => j.name === name);
  if (job === undefined) throw new Error(`no seeded job ${name}`);
  return job;
}
