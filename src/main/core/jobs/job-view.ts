/** Turns GitLab's job JSON into the JobView the renderer shows. */
import type { ApiJob } from '../gitlab/wire-types';
import type { JobStatus, JobView, TerminalAvailability } from '../../../shared/models';

const JOB_STATUSES: ReadonlySet<string> = new Set<JobStatus>([
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
]);

/** Narrows GitLab's status string; null for a status this version does not know. */
export function jobStatusOf(status: string): JobStatus | null {
  return JOB_STATUSES.has(status) ? (status as JobStatus) : null;
}

export interface JobContext {
  readonly accountId: string;
  readonly projectId: number;
  readonly projectPath: string;
  readonly mine: boolean;
  readonly terminal: TerminalAvailability;
}

/** The renderer's view of one job; null when GitLab reports a status this version does not know. */
export function toJobView(job: ApiJob, context: JobContext): JobView | null {
  const status = jobStatusOf(job.status);
  if (status === null) return null;
  return {
    key: `${context.accountId}/${job.id}`,
    accountId: context.accountId,
    id: job.id,
    name: job.name,
    stage: job.stage,
    status,
    ref: job.ref,
    pipelineId: job.pipeline?.id ?? null,
    projectId: context.projectId,
    projectPath: context.projectPath,
    webUrl: job.web_url,
    createdAt: job.created_at,
    startedAt: job.started_at,
    runner: job.runner?.description ?? null,
    startedBy: job.user?.username ?? null,
    mine: context.mine,
    terminal: context.terminal,
  };
}

/** Stable order, so an unchanged list compares equal: by project, running first, newest first. */
export function compareJobViews(a: JobView, b: JobView): number {
  return (
    a.projectPath.localeCompare(b.projectPath) ||
    statusRank(a.status) - statusRank(b.status) ||
    b.id - a.id
  );
}

function statusRank(status: JobStatus): number {
  return status === 'running' ? 0 : 1;
}
