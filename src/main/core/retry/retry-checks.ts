/** Gathers what the retry verdict needs from GitLab: the job, its project, page data and log. */
import type { Executor } from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { ApiJob } from '../gitlab/wire-types';
import { projectFacts } from '../jobs/terminal-checks';
import type { AccountConnection } from '../services';
import { projectPathOf } from '../terminal/job-url';
import { EXECUTOR_LOG_PREFIX_CHARS, executorFromLog } from './executor';
import type { RetryFacts } from './verdict';

/** GitLab.com's SaaS runners name their manager in the log's second line. */
const GITLAB_COM_RUNNER = /runners-manager\.gitlab\.com/;

export interface GatheredRetry {
  readonly facts: RetryFacts;
  readonly job: ApiJob;
  readonly projectPath: string;
}

/** Optional answers: a failure here leaves the fact unknown rather than failing the check. */
async function maybe<T>(ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch {
    return null;
  }
}

/** Reads the job and everything that explains whether retrying it with a terminal can work. */
export async function gatherRetryFacts(
  client: GitlabClient,
  connection: AccountConnection,
  projectId: number,
  jobId: number,
): Promise<GatheredRetry> {
  const job = (await client.getJob(projectId, jobId)).value;
  const projectPath =
    projectPathOf(job.web_url, connection.baseUrl) ??
    (await client.getProject(projectId)).value.path_with_namespace;
  const [project, web, log, active] = await Promise.all([
    maybe(async () => projectFacts((await client.getProject(projectId)).value)),
    maybe(async () => (await client.webJob(projectPath, jobId)).value),
    maybe(async () =>
      (await client.trace(projectId, jobId)).value.slice(0, EXECUTOR_LOG_PREFIX_CHARS),
    ),
    maybe(async () => (await client.listJobs(projectId, ['pending', 'running'])).value),
  ]);
  const existing = (active ?? []).find(
    (other) =>
      other.id > job.id &&
      other.name === job.name &&
      other.ref === job.ref &&
      other.user?.id === connection.userId,
  );
  const executor: Executor | null = log === null ? null : executorFromLog(log);
  const host = new URL(connection.baseUrl).hostname;
  return {
    job,
    projectPath,
    facts: {
      jobName: job.name,
      status: job.status,
      ref: job.ref,
      executor,
      retryOffered: web === null ? null : (web.retry_path ?? null) !== null,
      accessLevel: project?.accessLevel ?? null,
      archived: project?.archived ?? null,
      gitlabComInstanceRunner: host === 'gitlab.com' && log !== null && GITLAB_COM_RUNNER.test(log),
      existingRetryId: existing?.id ?? null,
    },
  };
}
