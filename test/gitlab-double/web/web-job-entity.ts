import type { JobStatus } from '../core/types';
import { RUNNER } from '../runner/script-lines';
import type { Job, Project, User } from '../state/model';
import { canCreateTerminal, canUpdateBuild, isRetryable } from '../state/permissions';
import { fullPathOf } from '../state/store';

const MS_PER_S = 1000;

interface StatusLook {
  readonly icon: string;
  readonly text: string;
  readonly label: string;
}

/** Gitlab::Ci::Status::* for each status the double's jobs take. */
const STATUS_LOOK: Readonly<Record<JobStatus, StatusLook>> = {
  pending: { icon: 'status_pending', text: 'Pending', label: 'pending' },
  running: { icon: 'status_running', text: 'Running', label: 'running' },
  success: { icon: 'status_success', text: 'Passed', label: 'passed' },
  failed: { icon: 'status_failed', text: 'Failed', label: 'failed' },
  canceled: { icon: 'status_canceled', text: 'Canceled', label: 'canceled' },
};

function detailedStatus(job: Job, jobPath: string): Record<string, unknown> {
  const look = STATUS_LOOK[job.status];
  return {
    icon: look.icon,
    text: look.text,
    label: look.label,
    group: job.status,
    tooltip: look.label,
    has_details: true,
    details_path: jobPath,
    illustration: null,
    favicon: `/assets/ci_favicons/favicon_${look.icon}.png`,
  };
}

function seconds(from: Date | null, to: Date | null): number | null {
  return from === null ? null : ((to ?? new Date()).getTime() - from.getTime()) / MS_PER_S;
}

/**
 * BuildDetailsEntity, the job page's poll target. `terminal_path` is there exactly when
 * `can?(current_user, :create_build_terminal, build)`, i.e. when the page shows "Debug".
 */
export function webJobEntity(
  job: Job,
  project: Project,
  owner: User | undefined,
  viewer: User | null,
  root: string,
  baseUrl: string,
): Record<string, unknown> {
  const jobPath = `${root}/${fullPathOf(project)}/-/jobs/${job.id}`;
  const canUpdate = canUpdateBuild(job, project, viewer);
  const active = job.status === 'pending' || job.status === 'running';
  return {
    id: job.id,
    name: job.name,
    started: job.startedAt !== null,
    started_at: job.startedAt?.toISOString() ?? null,
    complete: !active,
    archived: project.archived,
    build_path: jobPath,
    ...(canUpdate && isRetryable(job) ? { retry_path: `${jobPath}/retry` } : {}),
    ...(canUpdate && active ? { cancel_path: `${jobPath}/cancel` } : {}),
    playable: false,
    scheduled: false,
    created_at: job.createdAt.toISOString(),
    updated_at: (job.finishedAt ?? job.startedAt ?? job.createdAt).toISOString(),
    status: detailedStatus(job, jobPath),
    stage: job.stage,
    ref: { name: job.ref, path: `${root}/${fullPathOf(project)}/-/commits/${job.ref}` },
    duration: seconds(job.startedAt, job.finishedAt),
    queued_duration: seconds(job.createdAt, job.startedAt),
    finished_at: job.finishedAt?.toISOString() ?? null,
    erased_at: null,
    has_trace: job.log.length > 0,
    coverage: null,
    runner:
      job.startedAt === null
        ? null
        : {
            id: RUNNER.id,
            short_sha: RUNNER.shortToken,
            description: RUNNER.description,
            edit_path: null,
          },
    pipeline: {
      id: job.pipelineId,
      path: `${root}/${fullPathOf(project)}/-/pipelines/${job.pipelineId}`,
    },
    user:
      owner === undefined
        ? null
        : {
            id: owner.id,
            username: owner.username,
            name: owner.name,
            state: 'active',
            web_url: `${baseUrl}/${owner.username}`,
            path: `${root}/${owner.username}`,
          },
    ...(canCreateTerminal(job, project, viewer) ? { terminal_path: `${jobPath}/terminal` } : {}),
  };
}
