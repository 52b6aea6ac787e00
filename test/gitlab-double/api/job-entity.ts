import { RUNNER } from '../runner/script-lines';
import { RUNNER_REVISION, RUNNER_VERSION } from '../core/constants';
import type { Job, Project, User } from '../state/model';
import { jobWebUrl, projectWebUrl } from '../state/views';
import { userEntity } from './user-entity';

const MS_PER_S = 1000;

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

/** Seconds as GitLab reports them: a float, still growing while the job runs. */
function seconds(from: Date | null, to: Date | null): number | null {
  if (from === null) return null;
  return ((to ?? new Date()).getTime() - from.getTime()) / MS_PER_S;
}

function commitEntity(
  job: Job,
  project: Project,
  user: User | undefined,
  baseUrl: string,
): Record<string, unknown> {
  const title = `Update ${job.ref.split('/').pop() ?? job.ref}`;
  const date = job.createdAt.toISOString();
  return {
    id: job.sha,
    short_id: job.sha.slice(0, 8),
    created_at: date,
    parent_ids: [],
    title,
    message: `${title}\n`,
    author_name: user?.name ?? 'Unknown',
    author_email: user?.email ?? 'unknown@example.com',
    authored_date: date,
    committer_name: user?.name ?? 'Unknown',
    committer_email: user?.email ?? 'unknown@example.com',
    committed_date: date,
    trailers: {},
    extended_trailers: {},
    web_url: `${projectWebUrl(project, baseUrl)}/-/commit/${job.sha}`,
  };
}

function pipelineEntity(job: Job, project: Project, baseUrl: string): Record<string, unknown> {
  return {
    id: job.pipelineId,
    iid: job.pipelineId - 9000,
    project_id: project.id,
    sha: job.sha,
    ref: job.ref,
    status: job.status,
    source: 'push',
    created_at: job.createdAt.toISOString(),
    updated_at: (job.finishedAt ?? job.startedAt ?? job.createdAt).toISOString(),
    web_url: `${projectWebUrl(project, baseUrl)}/-/pipelines/${job.pipelineId}`,
  };
}

function runnerEntities(job: Job): Record<string, unknown> {
  if (job.startedAt === null) return { runner: null, runner_manager: null };
  return {
    runner: {
      id: RUNNER.id,
      description: RUNNER.description,
      ip_address: null,
      active: true,
      paused: false,
      is_shared: false,
      runner_type: 'project_type',
      name: 'gitlab-runner',
      online: true,
      status: 'online',
    },
    runner_manager: {
      id: RUNNER.managerId,
      system_id: RUNNER.systemId,
      version: RUNNER_VERSION,
      revision: RUNNER_REVISION,
      platform: 'linux',
      architecture: 'amd64',
      created_at: '2025-01-01T08:00:00.000Z',
      contacted_at: new Date().toISOString(),
      ip_address: '127.0.0.1',
      status: 'online',
    },
  };
}

/** API::Entities::Ci::Job (JobBasic + runner, artifacts, archived, tag_list). */
export function jobEntity(
  job: Job,
  project: Project,
  user: User | undefined,
  baseUrl: string,
): Record<string, unknown> {
  return {
    id: job.id,
    status: job.status,
    stage: job.stage,
    name: job.name,
    ref: job.ref,
    tag: false,
    coverage: null,
    allow_failure: false,
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    erased_at: null,
    duration: seconds(job.startedAt, job.finishedAt),
    queued_duration: seconds(job.createdAt, job.startedAt),
    user: user === undefined ? null : userEntity(user, baseUrl),
    commit: commitEntity(job, project, user, baseUrl),
    pipeline: pipelineEntity(job, project, baseUrl),
    ...(job.failureReason === null ? {} : { failure_reason: job.failureReason }),
    web_url: jobWebUrl(job, project, baseUrl),
    project: { ci_job_token_scope_enabled: false },
    artifacts: [],
    ...runnerEntities(job),
    artifacts_expire_at: null,
    archived: project.archived,
    tag_list: job.tagList,
  };
}
