/**
 * Asking GitLab whether the user may open a running job's terminal: the web job JSON's
 * `terminal_path`, once when a job is first seen running, again when its status changes or the
 * answer is WEB_JOB_TTL_MS old; plus the project facts that explain a missing one.
 */
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { RateLimitInfo } from '../gitlab/rate-limit';
import type { ApiJob, ApiProject, ApiWebJob } from '../gitlab/wire-types';
import type { Clock } from '../ports';
import type { ProjectFacts, WebJobAnswer } from './availability';
import type { InstanceGate } from './instance-gate';
import { MAX_WEB_JOBS_PER_POLL, WEB_JOB_RETRY_MS, WEB_JOB_TTL_MS } from './tuning';
import type { WatchedProject } from './watched-project';

export interface TerminalCheck {
  readonly projectId: number;
  /** The job status the answer was given for: a change means asking again. */
  readonly status: string;
  readonly refreshAt: number;
  readonly answer: WebJobAnswer;
}

/** The answers so far, by job id. */
export interface TerminalChecks {
  readonly web: Map<number, TerminalCheck>;
}

export interface CheckContext {
  readonly project: WatchedProject;
  readonly checks: TerminalChecks;
  readonly client: GitlabClient;
  readonly userId: number;
  readonly clock: Clock;
  readonly gate: InstanceGate;
  readonly isDisposed: () => boolean;
  readonly onAnswer: (
    key: string,
    rateLimit: RateLimitInfo | null,
    pollIntervalMs: number | null,
  ) => void;
  /** Returns whether the caller may go on with further requests. */
  readonly onFailure: (key: string, error: unknown) => 'continue' | 'stop';
}

/** Asks GitLab about the user's running jobs of one project that need (re)checking. */
export async function checkTerminals(context: CheckContext): Promise<void> {
  const { project, checks, clock, userId } = context;
  const running = (project.jobs ?? []).filter(
    (job) => job.user?.id === userId && job.status === 'running',
  );
  const now = clock.now();
  const due = running
    .filter((job) => needsCheck(checks.web.get(job.id), job, now))
    .slice(0, MAX_WEB_JOBS_PER_POLL);
  for (const job of due) {
    // A 429 on an earlier request of this task closes the gate: stop asking at once.
    if (context.gate.block(clock.now()) !== null) return;
    if ((await askWebJob(context, job)) === 'stop' || context.isDisposed()) return;
  }
  const unexplained = running.some((job) => {
    const answer = checks.web.get(job.id)?.answer;
    return answer !== undefined && (answer.kind === 'failed' || answer.terminalPath === null);
  });
  const facts = project.facts;
  if (unexplained && (facts === null || clock.now() >= facts.refreshAt)) {
    if (context.gate.block(clock.now()) !== null) return;
    await askFacts(context);
  }
}

function needsCheck(check: TerminalCheck | undefined, job: ApiJob, now: number): boolean {
  return check === undefined || check.status !== job.status || now >= check.refreshAt;
}

async function askWebJob(context: CheckContext, job: ApiJob): Promise<'continue' | 'stop'> {
  const { project, checks, clock } = context;
  const key = `web:${job.id}`;
  try {
    const answer = await context.client.webJob(project.path, job.id);
    if (context.isDisposed()) return 'stop';
    checks.web.set(job.id, {
      projectId: project.id,
      status: job.status,
      refreshAt: clock.now() + WEB_JOB_TTL_MS,
      answer: webJobAnswer(answer.value),
    });
    context.onAnswer(key, answer.rateLimit, answer.pollIntervalMs);
    return 'continue';
  } catch (error) {
    if (context.isDisposed()) return 'stop';
    checks.web.set(job.id, {
      projectId: project.id,
      status: job.status,
      refreshAt: clock.now() + WEB_JOB_RETRY_MS,
      answer: { kind: 'failed' },
    });
    return context.onFailure(key, error);
  }
}

async function askFacts(context: CheckContext): Promise<void> {
  const { project, clock } = context;
  const key = `facts:${project.id}`;
  try {
    const answer = await context.client.getProject(project.id);
    if (context.isDisposed()) return;
    project.facts = { value: projectFacts(answer.value), refreshAt: clock.now() + WEB_JOB_TTL_MS };
    context.onAnswer(key, answer.rateLimit, null);
  } catch (error) {
    if (context.isDisposed()) return;
    project.facts = {
      value: { archived: null, accessLevel: null },
      refreshAt: clock.now() + WEB_JOB_RETRY_MS,
    };
    context.onFailure(key, error);
  }
}

/** What the web job JSON says: the terminal offered or not, and whether the user may update the job. */
export function webJobAnswer(job: ApiWebJob): WebJobAnswer {
  // cancel_path is present exactly when the user may update (so cancel) the job.
  return { kind: 'answered', terminalPath: job.terminal_path, canUpdate: job.cancel_path !== null };
}

/** The facts of GET /projects/:id that explain a missing terminal. */
export function projectFacts(project: ApiProject): ProjectFacts {
  const levels = [project.permissions?.project_access, project.permissions?.group_access]
    .map((access) => access?.access_level)
    .filter((level) => level !== undefined);
  return {
    archived: project.archived,
    accessLevel: levels.length === 0 || project.permissions === null ? null : Math.max(...levels),
  };
}

/** Forgets answers about jobs of `project` that are no longer in its list. */
export function pruneTerminalChecks(
  checks: TerminalChecks,
  project: WatchedProject,
  jobs: readonly ApiJob[],
): void {
  const present = new Set(jobs.map((job) => job.id));
  for (const [jobId, check] of checks.web) {
    if (check.projectId === project.id && !present.has(jobId)) checks.web.delete(jobId);
  }
}
