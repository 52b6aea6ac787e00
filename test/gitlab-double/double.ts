import { ApiRouter } from './api/api-router';
import { FaultQueue } from './api/fault-queue';
import {
  ADMIN_PREFIX,
  DEFAULT_JOB_TIMEOUT_S,
  DEFAULT_JOBS_RATE_LIMIT_PER_MINUTE,
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_REAUTH_INTERVAL_MS,
  DEFAULT_RUNNER_READY_TIMEOUT_MS,
  DEFAULT_SCRIPT_SECONDS,
  DEFAULT_SESSION_TIMEOUT_S,
} from './core/constants';
import type { DoubleContext, MutableSettings, ResolvedConfig } from './core/context';
import { CounterSet } from './core/counters';
import type { GitlabDouble } from './core/double-api';
import { DoubleEvents } from './core/events';
import type { GitlabDoubleOptions, StartInfo, UserInfo } from './core/types';
import { handleAdmin } from './http/admin-routes';
import { attachHandlers, createServer, listen, trackSockets } from './http/server';
import { selfSignedCert } from './http/tls';
import { JobRunner } from './runner/job-runner';
import { LogWriter } from './runner/job-log';
import { SessionServer } from './runner/session-server';
import { leaveFailureTraces } from './runner/failure-traces';
import { TempDirs } from './runner/temp-dirs';
import { RunningDouble } from './running-double';
import type { Job, Project } from './state/model';
import { SEED_JOBS, SEED_PROJECTS, seedUsers } from './state/seed';
import { Store } from './state/store';
import { jobInfo, projectInfo } from './state/views';
import { notFoundPage } from './web/html';
import { handleWeb } from './web/web-routes';
import { stableCredentials } from './state/stable-credentials';
import { cookiePair } from './web/web-session';
import { Workhorse } from './workhorse/workhorse';

/** '' for no root; otherwise one leading slash and no trailing one. */
function normalizeRoot(root: string | undefined): string {
  const trimmed = (root ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

/** Starts the double on 127.0.0.1 and seeds it; see GitlabDoubleOptions for the knobs. */
export async function startGitlabDouble(options: GitlabDoubleOptions = {}): Promise<GitlabDouble> {
  const tls = options.tls === true ? await selfSignedCert() : null;
  const server = createServer(tls);
  const destroySockets = trackSockets(server);
  const port = await listen(server, options.port ?? 0);
  const origin = `${tls === null ? 'http' : 'https'}://127.0.0.1:${port}`;
  const root = normalizeRoot(options.root);
  const config: ResolvedConfig = {
    root,
    baseUrl: `${origin}${root}`,
    tls: tls !== null,
    sessionTimeoutS: options.sessionTimeoutS ?? DEFAULT_SESSION_TIMEOUT_S,
    timestamps: options.timestamps ?? false,
    reauthIntervalMs: options.reauthIntervalMs ?? DEFAULT_REAUTH_INTERVAL_MS,
    pingIntervalMs: options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
    runnerReadyTimeoutMs: options.runnerReadyTimeoutMs ?? DEFAULT_RUNNER_READY_TIMEOUT_MS,
    scriptSeconds: options.scriptSeconds ?? DEFAULT_SCRIPT_SECONDS,
    jobsRateLimitPerMinute: options.jobsRateLimitPerMinute ?? DEFAULT_JOBS_RATE_LIMIT_PER_MINUTE,
  };
  const settings: MutableSettings = {
    handshakeDelayMs: 0,
    utf8Split: options.utf8Split ?? 'random',
    externalUrl: options.externalUrl ?? null,
  };
  const events = new DoubleEvents();
  const counters = new CounterSet();
  const store = new Store();
  const tempDirs = new TempDirs();
  // The runner and the session server call each other; both publish through the double.
  const published: { double?: RunningDouble } = {};
  const publish = (jobId: number): void => {
    published.double?.publish(jobId);
  };
  const sessionServer = new SessionServer({
    store,
    events,
    counters,
    tempDirs,
    readyTimeoutMs: config.runnerReadyTimeoutMs,
    onTerminalChange: (jobId, attached) => {
      if (!attached) runner.terminalDetached(jobId);
      publish(jobId);
    },
  });
  const runner = new JobRunner({
    store,
    log: new LogWriter(config.timestamps, (jobId, line) => {
      events.emit('log', { jobId, line });
    }),
    terminals: sessionServer,
    sessionTimeoutS: config.sessionTimeoutS,
    defaultScriptSeconds: config.scriptSeconds,
    defaultTimeoutS: DEFAULT_JOB_TIMEOUT_S,
    publish,
    leaveFailure: (job) => {
      leaveFailureTraces(tempDirs.forJob(job.id), job);
    },
  });
  const ctx: DoubleContext = {
    config,
    settings,
    store,
    events,
    counters,
    runner,
    sessionServer,
    faults: new FaultQueue(),
  };
  seedUsers(store);
  const seed = options.credentialsSeed;
  const users: UserInfo[] = [...store.users.values()].map((user) => {
    const fixed = seed === undefined ? null : stableCredentials(seed, user.username);
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      password: user.password,
      otp_code: user.otpCode ?? null,
      token: store.issueToken(user.id, 'jobshell-api', ['api'], fixed?.apiToken).value,
      read_api_token: store.issueToken(user.id, 'jobshell-read', ['read_api'], fixed?.readApiToken)
        .value,
      cookie: cookiePair(store.newSession(user.id, fixed?.sessionId)),
    };
  });
  if (options.seed ?? true) {
    for (const spec of SEED_PROJECTS) store.addProject(spec);
    for (const spec of SEED_JOBS) runner.create(spec);
  }
  const projectOf = (job: Job): Project => {
    const project = store.projects.get(job.projectId);
    if (project === undefined) throw new Error(`job ${job.id} has no project`);
    return project;
  };
  const info: StartInfo = {
    url: config.baseUrl,
    admin: `${origin}${ADMIN_PREFIX}`,
    users,
    projects: [...store.projects.values()].map((p) => projectInfo(p, config.baseUrl)),
    jobs: [...store.jobs.values()].map((job) => jobInfo(job, projectOf(job), config.baseUrl)),
    ...(tls === null ? {} : { ca: tls.cert }),
  };

  const workhorse = new Workhorse(ctx);
  workhorse.links.setShape({
    latency_ms: options.linkLatencyMs ?? 0,
    segment_bytes: options.linkSegmentBytes ?? null,
  });
  const api = new ApiRouter(ctx);
  const running = new RunningDouble(ctx, server, workhorse, tempDirs, info, destroySockets);
  published.double = running;
  attachHandlers(server, root, {
    admin: (req, res, path) => handleAdmin(running, req, res, path),
    api: (req, res, path, query) => {
      api.handle(req, res, path, query);
    },
    web: (req, res, path) => handleWeb(ctx, req, res, path),
    upgrade: (req, socket, head) => {
      workhorse.handleUpgrade(req, socket, head);
    },
    notFoundHtml: notFoundPage,
  });
  return running;
}
