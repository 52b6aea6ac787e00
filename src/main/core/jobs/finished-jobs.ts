/**
 * The user's recently finished jobs (failed, and canceled), the ones worth retrying with a
 * terminal. They change rarely, so one slow sweep covers the most recently active projects in one
 * gate slot, far below the running jobs' cadence (quality goal P7 counts these requests too).
 */
import type { Executor, FinishedJobView } from '../../../shared/models';
import type { ApiResponse } from '../gitlab/gitlab-client';
import { isGitlabError } from '../gitlab/gitlab-error';
import type { ApiJob } from '../gitlab/wire-types';
import { executorFromLog, EXECUTOR_LOG_PREFIX_CHARS } from '../retry/executor';
import { runAttempt } from './poll-attempt';
import type { PollerContext } from './poller-context';
import {
  FINISHED_INTERVAL_MS,
  FINISHED_PER_PROJECT,
  MAX_EXECUTOR_READS_PER_SWEEP,
  MAX_FINISHED_PROJECTS,
} from './tuning';
import type { Timing, WatchedProject } from './watched-project';

const FINISHED_SCOPES = ['failed', 'canceled'] as const;
const MS_PER_HOUR = 3_600_000;

/** What the sweep keeps between runs. Mutable: only the poller and its sweep touch it. */
export interface FinishedState {
  readonly timing: Timing;
  /** projectId → the user's finished jobs there at the last sweep. */
  readonly byProject: Map<number, readonly ApiJob[]>;
  /** jobId → what its log said about the executor (a finished job's log does not change). */
  readonly executors: Map<number, Executor | null>;
}

/** When the next sweep is due: FINISHED_INTERVAL_MS after the last, at once when forced or never run. */
export function finishedDueAt(timing: Timing, slowdown: number): number {
  if (timing.inFlight) return Infinity;
  if (timing.forced || timing.lastAttemptAt === null) return 0;
  return timing.lastAttemptAt + FINISHED_INTERVAL_MS * timing.jitter * slowdown;
}

/** Projects worth a look: active within the window, most recently active first, capped. */
function sweepProjects(projects: Iterable<WatchedProject>, since: number): WatchedProject[] {
  return [...projects]
    .filter((p) => Math.max(p.lastActivityAt ?? 0, p.userJobSeenAt ?? 0) >= since)
    .sort(
      (a, b) =>
        Math.max(b.lastActivityAt ?? 0, b.userJobSeenAt ?? 0) -
        Math.max(a.lastActivityAt ?? 0, a.userJobSeenAt ?? 0),
    )
    .slice(0, MAX_FINISHED_PROJECTS);
}

/** One sweep: each candidate project's failed/canceled jobs, then a few logs for the executor. */
export async function sweepFinished(
  context: PollerContext,
  finished: FinishedState,
  windowHours: number,
): Promise<void> {
  const { client, connection, clock } = context.deps;
  const since = clock.now() - windowHours * MS_PER_HOUR;
  const candidates = sweepProjects(context.state.projects.values(), since);
  for (const id of [...finished.byProject.keys()]) {
    if (!candidates.some((p) => p.id === id)) finished.byProject.delete(id);
  }
  const [first, ...rest] = candidates;
  if (first === undefined) {
    finished.timing.lastAttemptAt = clock.now();
    finished.timing.forced = false;
    return;
  }
  const list = async (project: WatchedProject): Promise<ApiResponse<readonly ApiJob[]>> => {
    const answer = await client.listJobs(project.id, FINISHED_SCOPES, {
      perPage: FINISHED_PER_PROJECT,
    });
    finished.byProject.set(
      project.id,
      answer.value.filter((job) => job.user?.id === connection.userId && finishedSince(job, since)),
    );
    return answer;
  };
  await runAttempt(
    context,
    { key: 'finished', timing: finished.timing, project: null },
    () => list(first),
    async () => {
      for (const project of rest) {
        try {
          await list(project);
        } catch (error) {
          // Expired credentials or a rate limit concern the whole account: the next poll says so.
          if (isGitlabError(error, 'unauthorized') || isGitlabError(error, 'rate-limited')) return;
          // One project's refusal (role change, deleted) keeps its last answer.
        }
      }
      await readExecutors(context, finished);
    },
  );
}

function finishedSince(job: ApiJob, since: number): boolean {
  const at = Date.parse(job.finished_at ?? job.created_at);
  return Number.isFinite(at) && at >= since;
}

/** The executor of a few new finished jobs, from their logs; a failure leaves it unknown. */
async function readExecutors(context: PollerContext, finished: FinishedState): Promise<void> {
  const { client } = context.deps;
  const unknown = [...finished.byProject.entries()]
    .flatMap(([projectId, jobs]) => jobs.map((job) => ({ projectId, job })))
    .filter(({ job }) => !finished.executors.has(job.id))
    .slice(0, MAX_EXECUTOR_READS_PER_SWEEP);
  for (const { projectId, job } of unknown) {
    try {
      const log = (await client.trace(projectId, job.id)).value;
      finished.executors.set(job.id, executorFromLog(log.slice(0, EXECUTOR_LOG_PREFIX_CHARS)));
    } catch {
      finished.executors.set(job.id, null);
    }
  }
}

/** The finished jobs as the renderer shows them, newest first. */
export function finishedViews(
  accountId: string,
  projects: ReadonlyMap<number, WatchedProject>,
  finished: FinishedState,
): readonly FinishedJobView[] {
  const views: FinishedJobView[] = [];
  for (const [projectId, jobs] of finished.byProject) {
    const path = projects.get(projectId)?.path ?? '';
    for (const job of jobs) {
      if (job.status !== 'failed' && job.status !== 'canceled') continue;
      views.push({
        key: `${accountId}/${job.id}`,
        accountId,
        id: job.id,
        name: job.name,
        stage: job.stage,
        status: job.status,
        ref: job.ref,
        projectId,
        projectPath: path,
        webUrl: job.web_url,
        finishedAt: job.finished_at,
        durationS: job.duration ?? null,
        failureReason: job.failure_reason ?? null,
        executor: finished.executors.get(job.id) ?? null,
      });
    }
  }
  return views.sort((a, b) => b.id - a.id);
}
