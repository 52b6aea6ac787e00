/**
 * P7: API requests per minute of job discovery for 50 projects, over 10 simulated minutes visible,
 * 10 hidden with no terminal open, and during a Retry-After wait; against naive polling of every
 * project every 10 s, measured in the same run. The double counts the requests it answered.
 */
import { createJobsService } from '../../src/main/core/jobs/jobs-service';
import type { JobsService } from '../../src/main/core/services';
import { seedUser, startGitlabDouble, type GitlabDouble, type ProjectInfo } from '../gitlab-double';
import { captureLogger } from '../unit/support/capture-logger';
import { FakeClock } from '../unit/support/fake-clock';
import {
  FakeAccounts,
  connectionOf,
  drive,
  memorySettings,
  seededRandom,
  settle,
  trackTransport,
} from '../unit/main/core/jobs/support/harness';
import type { BenchReport, BenchRun } from './bench-types';

const MINUTE_MS = 60_000;
const PHASE_MS = 10 * MINUTE_MS;
const WATCHED_PROJECTS = 50;
/** The naive client of the baseline: every project, every 10 s. */
const NAIVE_INTERVAL_MS = 10_000;
/** The injected 429's Retry-After, in seconds. */
const RETRY_AFTER_S = 120;
/** The bench drives minutes in one go; lift the double's real-time per-minute jobs limit out of the way. */
const UNLIMITED_JOBS_RATE = 1_000_000;

/** Sum of every API route the double counted. */
function apiRequests(gl: GitlabDouble): number {
  return Object.values(gl.counters().api_requests).reduce((sum, n) => sum + n, 0);
}

/** A double whose first user is Developer (or more) in exactly `WATCHED_PROJECTS` projects. */
async function startDouble(): Promise<{ gl: GitlabDouble; projects: readonly ProjectInfo[] }> {
  const gl = await startGitlabDouble({ jobsRateLimitPerMinute: UNLIMITED_JOBS_RATE });
  // The seed gives alice four projects with Developer or more (and running jobs in three); she is
  // only Reporter in the docs project, which discovery rightly skips.
  const projects = gl.info.projects.filter((p) => p.path_with_namespace !== 'acme/platform/docs');
  for (let i = projects.length; i < WATCHED_PROJECTS; i += 1) {
    projects.push(
      gl.addProject({ path: `bench/group-${i % 5}/project-${i}`, members: { alice: 'developer' } }),
    );
  }
  return { gl, projects };
}

interface ServiceRun {
  readonly visiblePerMin: number;
  readonly visibleHttpPerMin: number;
  readonly hiddenPerMin: number;
  readonly duringRetryAfter: number;
  readonly routes: Readonly<Record<string, number>>;
  readonly jobsSeen: number;
}

async function measureService(): Promise<ServiceRun> {
  const { gl } = await startDouble();
  const alice = seedUser(gl, 'alice');
  const clock = new FakeClock(Date.now());
  const http = trackTransport();
  const service: JobsService = createJobsService({
    accounts: new FakeAccounts([connectionOf(gl, alice, 'api')]),
    http: http.transport,
    clock,
    logger: captureLogger(),
    settings: memorySettings(),
    random: seededRandom(),
    // The app's default: the finished-jobs sweep counts against the same budget.
    finishedWindowHours: () => 24,
  });
  try {
    gl.resetCounters();
    service.start();
    await drive(clock, http, PHASE_MS);
    const visible = apiRequests(gl);
    const visibleHttp = http.sent.length;
    const routes = gl.counters().api_requests;
    const jobsSeen = service.snapshot()[0]?.jobs.length ?? 0;

    gl.resetCounters();
    service.setVisibility(false, false);
    await drive(clock, http, PHASE_MS, 5000);
    const hidden = apiRequests(gl);

    service.setVisibility(true, true);
    await drive(clock, http, MINUTE_MS);
    gl.injectFaults({ status: 429, count: 1, retryAfter: RETRY_AFTER_S });
    service.refresh();
    await settle(http);
    // The measurement means nothing unless the 429 really arrived and closed the gate.
    if (service.snapshot()[0]?.status !== 'stale') throw new Error('the injected 429 was not seen');
    gl.resetCounters();
    // Stop just short of the end of the wait: the first request after it is allowed.
    await drive(clock, http, RETRY_AFTER_S * 1000 - 1000);
    const duringRetryAfter = apiRequests(gl);

    return {
      visiblePerMin: visible / (PHASE_MS / MINUTE_MS),
      visibleHttpPerMin: visibleHttp / (PHASE_MS / MINUTE_MS),
      hiddenPerMin: hidden / (PHASE_MS / MINUTE_MS),
      duringRetryAfter,
      routes,
      jobsSeen,
    };
  } finally {
    service.dispose();
    await settle(http);
    await gl.close();
  }
}

/** The baseline: list every project's running jobs every 10 s, nothing else. */
async function measureNaive(): Promise<number> {
  const { gl, projects } = await startDouble();
  const alice = seedUser(gl, 'alice');
  const http = trackTransport();
  try {
    gl.resetCounters();
    for (let t = 0; t < PHASE_MS; t += NAIVE_INTERVAL_MS) {
      await Promise.all(
        projects.map((p) =>
          http.transport({
            method: 'GET',
            url: `${gl.url}/api/v4/projects/${p.id}/jobs?scope[]=running&scope[]=pending`,
            headers: { 'PRIVATE-TOKEN': alice.token },
            // The transport sends credentials only with the base URL of the account they belong to.
            credentialScope: gl.url,
            network: { ca: [], pinnedFingerprint: null, proxy: null },
            timeoutMs: 20_000,
          }),
        ),
      );
    }
    return apiRequests(gl) / (PHASE_MS / MINUTE_MS);
  } finally {
    await gl.close();
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;
const ratio = (value: number, baseline: number): number =>
  Math.round((value / baseline) * 1000) / 1000;

export const run: BenchRun = async (): Promise<BenchReport> => {
  const service = await measureService();
  const naive = await measureNaive();
  return {
    id: 'P7',
    title: `Job discovery for ${WATCHED_PROJECTS} projects: API requests per minute`,
    metrics: [
      {
        name: 'visible, averaged over 10 simulated minutes (start-up included)',
        value: round(service.visiblePerMin),
        unit: 'requests/min',
        baseline: round(naive),
        ratio: ratio(service.visiblePerMin, naive),
        goal: '≤ 40/min',
      },
      {
        name: 'hidden, no terminal open, 10 simulated minutes',
        value: round(service.hiddenPerMin),
        unit: 'requests/min',
        baseline: round(naive),
        ratio: ratio(service.hiddenPerMin, naive),
        goal: '≤ 5/min',
      },
      {
        name: `during a ${RETRY_AFTER_S} s Retry-After wait`,
        value: service.duringRetryAfter,
        unit: 'requests',
        goal: '0',
      },
      {
        name: 'visible, all HTTP incl. web job JSON (terminal_path)',
        value: round(service.visibleHttpPerMin),
        unit: 'requests/min',
        baseline: round(naive),
        ratio: ratio(service.visibleHttpPerMin, naive),
      },
    ],
    notes: [
      `Baseline: naive polling of all ${WATCHED_PROJECTS} projects every ${NAIVE_INTERVAL_MS / 1000} s, against its own double.`,
      `Jobs listed at the end of the visible phase: ${service.jobsSeen}.`,
      `Visible API requests by route: ${JSON.stringify(service.routes)}.`,
      'Simulated time (fake clock) over real HTTP to the GitLab double; no timing is measured.',
    ],
  };
};
