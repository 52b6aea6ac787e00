/**
 * A jobs service wired to a real GitLab double over real HTTP, with a fake clock for the poller.
 * `drive` moves simulated time in steps and, after each, waits until every request the poller
 * started has been answered, so minutes of polling run in a moment and nothing depends on sleeps.
 */
import {
  DIRECT_NETWORK,
  type HttpResponse,
  type HttpTransport,
  type SettingsStore,
} from '../../../../../../src/main/core/ports';
import { createNodeHttpTransport } from '../../../../../../src/main/node/net/node-http-transport';
import type {
  AccountAccess,
  AccountConnection,
  AuthFailureSource,
  JobsService,
} from '../../../../../../src/main/core/services';
import { createJobsService } from '../../../../../../src/main/core/jobs/jobs-service';
import type { AccountJobs } from '../../../../../../src/shared/models';
import {
  mulberry32,
  seedUser,
  startGitlabDouble,
  type GitlabDouble,
  type GitlabDoubleOptions,
  type UserInfo,
} from '../../../../../gitlab-double';
import { captureLogger } from '../../../../support/capture-logger';
import { FakeClock } from '../../../../support/fake-clock';

/** A transport that counts what it sends and can say when nothing is in flight. */
export interface TrackedTransport {
  readonly transport: HttpTransport;
  /** Every request sent, as "METHOD path?query". */
  readonly sent: string[];
  inFlight(): number;
  idle(): Promise<void>;
  /** Rewrites every answer from now on (e.g. RateLimit headers), or stops doing so. */
  setRewrite(rewrite: ((response: HttpResponse) => HttpResponse) | null): void;
}

/** Wraps the real node transport. */
export function trackTransport(inner: HttpTransport = createNodeHttpTransport()): TrackedTransport {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  let rewrite: ((response: HttpResponse) => HttpResponse) | null = null;
  const sent: string[] = [];
  const transport: HttpTransport = async (request) => {
    inFlight += 1;
    const url = new URL(request.url);
    sent.push(`${request.method} ${url.pathname}${url.search}`);
    try {
      const response = await inner(request);
      return rewrite === null ? response : rewrite(response);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        const ready = waiters;
        waiters = [];
        for (const wake of ready) wake();
      }
    }
  };
  return {
    transport,
    sent,
    inFlight: () => inFlight,
    idle: () =>
      inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)),
    setRewrite: (next) => {
      rewrite = next;
    },
  };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Waits until no request is in flight and none starts in the next turn of the event loop. */
export async function settle(http: TrackedTransport): Promise<void> {
  for (;;) {
    await turn();
    if (http.inFlight() === 0) {
      await turn();
      if (http.inFlight() === 0) return;
    }
    await http.idle();
  }
}

/** Advances simulated time by `ms` in `stepMs` steps, letting every request finish after each. */
export async function drive(
  clock: FakeClock,
  http: TrackedTransport,
  ms: number,
  stepMs = 1000,
): Promise<void> {
  const end = clock.now() + ms;
  await settle(http);
  while (clock.now() < end) {
    clock.advance(Math.min(stepMs, end - clock.now()));
    await settle(http);
  }
}

/** Accounts as the jobs service sees them: a settable list of connections. */
export class FakeAccounts implements AccountAccess {
  readonly #connections = new Map<string, AccountConnection>();
  readonly #listeners = new Set<() => void>();
  readonly authFailures: { accountId: string; source: AuthFailureSource }[] = [];

  constructor(connections: readonly AccountConnection[]) {
    for (const c of connections) this.#connections.set(c.accountId, c);
  }

  connection(accountId: string): AccountConnection | null {
    return this.#connections.get(accountId) ?? null;
  }

  connections(): readonly AccountConnection[] {
    return [...this.#connections.values()];
  }

  findByUrl(url: string): AccountConnection | null {
    return this.connections().find((c) => url.startsWith(`${c.baseUrl}/`)) ?? null;
  }

  reportAuthFailure(accountId: string, source: AuthFailureSource): void {
    this.authFailures.push({ accountId, source });
    if (this.#connections.delete(accountId)) this.#emit();
  }

  onConnectionsChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Adds or replaces a connection (a new sign-in). */
  set(connection: AccountConnection): void {
    this.#connections.set(connection.accountId, connection);
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** A SettingsStore in memory. */
export function memorySettings(): SettingsStore & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    read: (key) => data.get(key),
    write: (key, value) => {
      data.set(key, structuredClone(value));
    },
    delete: (key) => {
      data.delete(key);
    },
  };
}

/** A seeded random source, so jitter is the same on every run. */
export function seededRandom(seed = 7): () => number {
  return mulberry32(seed);
}

export type TokenKind = 'api' | 'read_api' | 'none';

/** The connection the accounts service would hand out for a double user. */
export function connectionOf(
  gl: GitlabDouble,
  user: UserInfo,
  token: TokenKind,
  cookie = user.cookie,
): AccountConnection {
  return {
    accountId: `acct-${user.username}`,
    baseUrl: gl.url,
    userId: user.id,
    username: user.username,
    cookieHeader: cookie,
    token: token === 'api' ? user.token : token === 'read_api' ? user.read_api_token : null,
    tokenScopes: token === 'none' ? [] : [token],
    network: DIRECT_NETWORK,
  };
}

export interface JobsHarness {
  readonly gl: GitlabDouble;
  readonly alice: UserInfo;
  readonly bob: UserInfo;
  readonly clock: FakeClock;
  readonly http: TrackedTransport;
  readonly logger: ReturnType<typeof captureLogger>;
  readonly accounts: FakeAccounts;
  readonly settings: ReturnType<typeof memorySettings>;
  readonly service: JobsService;
  /** Every list pushed through onChange, in order. */
  readonly events: (readonly AccountJobs[])[];
  /** alice's current entry in the snapshot. */
  aliceJobs(): AccountJobs;
  drive(ms: number, stepMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly double?: GitlabDoubleOptions;
  readonly token?: TokenKind;
  /** Default true. */
  readonly start?: boolean;
}

/** Starts a double and a jobs service for alice; the clock starts at the double's "now". */
export async function startHarness(options: HarnessOptions = {}): Promise<JobsHarness> {
  const gl = await startGitlabDouble(options.double ?? {});
  const alice = seedUser(gl, 'alice');
  const bob = seedUser(gl, 'bob');
  // The double stamps last_activity_at with the real time: start simulated time there too.
  const clock = new FakeClock(Date.now());
  const http = trackTransport();
  const logger = captureLogger();
  const accounts = new FakeAccounts([connectionOf(gl, alice, options.token ?? 'api')]);
  const settings = memorySettings();
  const service = createJobsService({
    accounts,
    http: http.transport,
    clock,
    logger,
    settings,
    random: seededRandom(),
  });
  const events: (readonly AccountJobs[])[] = [];
  service.onChange((jobs) => events.push(jobs));
  if (options.start ?? true) service.start();
  return {
    gl,
    alice,
    bob,
    clock,
    http,
    logger,
    accounts,
    settings,
    service,
    events,
    aliceJobs: () => {
      const entry = service.snapshot().find((a) => a.accountId === `acct-${alice.username}`);
      if (entry === undefined) throw new Error('alice has no entry in the jobs snapshot');
      return entry;
    },
    drive: (ms, stepMs) => drive(clock, http, ms, stepMs),
    close: async () => {
      service.dispose();
      await settle(http);
      await gl.close();
    },
  };
}

/** Requests for one project's job list among `sent`. */
export function jobListRequests(sent: readonly string[], projectId: number): number {
  return sent.filter((line) => line.startsWith(`GET /api/v4/projects/${projectId}/jobs?`)).length;
}

/** Requests for web job JSON among `sent`. */
export function webJobRequests(sent: readonly string[], jobId?: number): number {
  const suffix =
    jobId === undefined ? /\/-\/jobs\/\d+\.json$/ : new RegExp(`/-/jobs/${jobId}\\.json$`);
  return sent.filter((line) => suffix.test(line.split('?')[0] ?? '')).length;
}
