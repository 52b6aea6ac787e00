import type { Job, Project } from '../state/model';
import { canReadBuilds, canUpdateBuild, isRetryable } from '../state/permissions';
import { param, visibleProject, type AuthedCall, type ApiRoute } from './api-call';
import { apiJson, API_ERRORS, type ApiResponse } from './api-response';
import { jobEntity } from './job-entity';
import { paginate } from './pagination';
import { retryAfterSeconds } from './rate-limiter';

/** CommitStatus::AVAILABLE_STATUSES: the values `scope` accepts. */
const AVAILABLE_STATUSES: readonly string[] = [
  'created',
  'waiting_for_resource',
  'preparing',
  'waiting_for_callback',
  'pending',
  'running',
  'success',
  'failed',
  'canceling',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
];

const JOBS_THROTTLED = 'This endpoint has been requested too many times. Try again later.';

function entity(call: AuthedCall, job: Job, project: Project): Record<string, unknown> {
  const { config, settings } = call.ctx;
  // GitLab builds web_url from its external_url, which need not be the address the client used.
  const baseUrl = settings.externalUrl ?? config.baseUrl;
  return jobEntity(job, project, call.ctx.store.users.get(job.userId), baseUrl);
}

type Found =
  | { readonly kind: 'found'; readonly project: Project; readonly job: Job }
  | { readonly kind: 'error'; readonly response: ApiResponse };

/** user_project + authorize_read_builds! + find_build!, in GitLab's order. */
function findJob(call: AuthedCall): Found {
  const project = visibleProject(call, param(call, 0));
  if (project === undefined) return { kind: 'error', response: API_ERRORS.projectNotFound() };
  if (!canReadBuilds(project, call.user))
    return { kind: 'error', response: API_ERRORS.forbidden() };
  const job = call.ctx.store.jobs.get(Number(param(call, 1)));
  if (job?.projectId !== project.id)
    return { kind: 'error', response: API_ERRORS.recordNotFound() };
  return { kind: 'found', project, job };
}

function listJobs(call: AuthedCall): ApiResponse {
  const scopes = [...call.query.getAll('scope'), ...call.query.getAll('scope[]')];
  if (scopes.some((s) => !AVAILABLE_STATUSES.includes(s))) return API_ERRORS.invalidParam('scope');
  // check_rate_limit!(:jobs_index, scope: current_user) comes before the project lookup.
  const rate = call.limits.jobs.hit(String(call.user.id));
  if (!rate.allowed) {
    return apiJson(
      429,
      { message: { error: JOBS_THROTTLED } },
      { 'Retry-After': String(retryAfterSeconds(rate)) },
    );
  }
  const project = visibleProject(call, param(call, 0));
  if (project === undefined) return API_ERRORS.projectNotFound();
  if (!canReadBuilds(project, call.user)) return API_ERRORS.forbidden();
  const jobs = call.ctx.store
    .jobsOf(project.id)
    .filter((job) => scopes.length === 0 || scopes.includes(job.status))
    .sort((a, b) => b.id - a.id);
  const page = paginate(jobs, call.query, call.selfUrl, false);
  return apiJson(
    200,
    page.items.map((job) => entity(call, job, project)),
    page.headers,
  );
}

function showJob(call: AuthedCall): ApiResponse {
  const found = findJob(call);
  if (found.kind === 'error') return found.response;
  return apiJson(200, entity(call, found.job, found.project));
}

/** The whole raw log, text/plain; Range is not looked at. */
function trace(call: AuthedCall): ApiResponse {
  const found = findJob(call);
  if (found.kind === 'error') return found.response;
  return {
    status: 200,
    contentType: 'text/plain',
    body: found.job.log,
    headers: { 'Content-Disposition': `infile; filename="${found.job.id}.log"` },
  };
}

function cancel(call: AuthedCall): ApiResponse {
  const found = findJob(call);
  if (found.kind === 'error') return found.response;
  if (!canUpdateBuild(found.job, found.project, call.user)) return API_ERRORS.forbidden();
  // build.cancel is a no-op on a finished job; the answer is the job either way.
  call.ctx.runner.cancel(found.job);
  return apiJson(201, entity(call, found.job, found.project));
}

function retry(call: AuthedCall): ApiResponse {
  const found = findJob(call);
  if (found.kind === 'error') return found.response;
  if (!canUpdateBuild(found.job, found.project, call.user)) return API_ERRORS.forbidden();
  if (!isRetryable(found.job)) return API_ERRORS.forbidden('Job is not retryable');
  // Ci::RetryJobService clones the job for current_user: the new job (and its terminal) is theirs.
  const clone = call.ctx.runner.retry(found.job, call.user.id);
  return apiJson(201, entity(call, clone, found.project));
}

export const JOB_ROUTES: readonly ApiRoute[] = [
  { auth: 'required', method: 'GET', template: '/projects/:id/jobs', handler: listJobs },
  { auth: 'required', method: 'GET', template: '/projects/:id/jobs/:job_id', handler: showJob },
  { auth: 'required', method: 'GET', template: '/projects/:id/jobs/:job_id/trace', handler: trace },
  {
    auth: 'required',
    method: 'POST',
    template: '/projects/:id/jobs/:job_id/cancel',
    handler: cancel,
  },
  {
    auth: 'required',
    method: 'POST',
    template: '/projects/:id/jobs/:job_id/retry',
    handler: retry,
  },
];
