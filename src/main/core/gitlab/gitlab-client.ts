/**
 * The GitLab client every service uses: REST (`/api/v4`) and the web job JSON, with the account's
 * credentials and network policy. Auth: the personal access token when there is one
 * (PRIVATE-TOKEN), else the session cookie, which GitLab's API accepts for GET/HEAD, and for
 * writes (cancel, retry) only with the session's CSRF token, as GitLab's own pages send it.
 */
import type { HttpTransport } from '../ports';
import {
  createGitlabExchange,
  type ApiResponse,
  type GitlabClientOptions,
  type GitlabCredentials,
  type GitlabExchange,
} from './gitlab-exchange';
import {
  parseJob,
  parseJobs,
  parseProject,
  parseProjects,
  parseTokenSelf,
  parseUser,
  parseWebJob,
} from './wire-parse';
import type { ApiJob, ApiProject, ApiTokenSelf, ApiUser, ApiWebJob } from './wire-types';

export type { RateLimitInfo } from './rate-limit';
export {
  DEFAULT_API_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type ApiResponse,
  type GitlabClientOptions,
  type GitlabCredentials,
} from './gitlab-exchange';

export interface ProjectQuery {
  readonly membership?: boolean;
  readonly minAccessLevel?: number;
  readonly search?: string;
  readonly orderBy?: 'last_activity_at';
  readonly perPage?: number;
  readonly page?: number;
  readonly simple?: boolean;
}

export interface PageQuery {
  readonly perPage?: number;
  readonly page?: number;
}

export interface GitlabClient {
  /** `GET /user`, with the token or the cookie (default: token when present, else cookie). */
  currentUser(via?: 'token' | 'cookie'): Promise<ApiResponse<ApiUser>>;
  tokenSelf(): Promise<ApiResponse<ApiTokenSelf>>;
  listProjects(q: ProjectQuery): Promise<ApiResponse<readonly ApiProject[]>>;
  getProject(idOrPath: number | string): Promise<ApiResponse<ApiProject>>;
  listJobs(
    projectId: number,
    scopes: readonly string[],
    page?: PageQuery,
  ): Promise<ApiResponse<readonly ApiJob[]>>;
  getJob(projectId: number, jobId: number): Promise<ApiResponse<ApiJob>>;
  /** The web job JSON `/<path>/-/jobs/<id>.json`; session cookie only. */
  webJob(projectPath: string, jobId: number): Promise<ApiResponse<ApiWebJob>>;
  trace(projectId: number, jobId: number): Promise<ApiResponse<string>>;
  /** A write: a token with the `api` scope, else the session cookie with its CSRF token. */
  cancelJob(projectId: number, jobId: number): Promise<ApiResponse<ApiJob>>;
  /** `POST /projects/:id/jobs/:job_id/retry`: the new job (201), owned by this account's user. */
  retryJob(projectId: number, jobId: number): Promise<ApiResponse<ApiJob>>;
  /** "Does this look like GitLab?", asked without any credential. */
  versionProbe(): Promise<'gitlab' | 'not-gitlab'>;
}

/** Creates a client bound to one account's credentials and network settings. */
export function createGitlabClient(
  http: HttpTransport,
  connection: GitlabCredentials,
  options: GitlabClientOptions = {},
): GitlabClient {
  const calls = createGitlabExchange(http, connection, options);
  return { ...accountEndpoints(calls), ...projectEndpoints(calls), ...jobEndpoints(calls) };
}

const api = (path: string): string => `/api/v4${path}`;

/** Who the credentials belong to, and whether the instance is GitLab at all. */
function accountEndpoints(
  calls: GitlabExchange,
): Pick<GitlabClient, 'currentUser' | 'tokenSelf' | 'versionProbe'> {
  const { json } = calls;
  return {
    currentUser: (via) =>
      json(
        { method: 'GET', path: api('/user'), auth: via ?? 'auto', what: 'the current user' },
        parseUser,
      ),
    tokenSelf: () =>
      json(
        {
          method: 'GET',
          path: api('/personal_access_tokens/self'),
          auth: 'token',
          what: 'the token details',
        },
        parseTokenSelf,
      ),
    versionProbe: () => calls.versionProbe(),
  };
}

/** The projects the job list is drawn from. */
function projectEndpoints(
  calls: GitlabExchange,
): Pick<GitlabClient, 'listProjects' | 'getProject'> {
  const { json } = calls;
  return {
    listProjects: (q) =>
      json(
        {
          method: 'GET',
          path: api('/projects'),
          auth: 'auto',
          what: 'the project list',
          query: {
            membership: q.membership,
            min_access_level: q.minAccessLevel,
            search: q.search,
            order_by: q.orderBy,
            per_page: q.perPage,
            page: q.page,
            simple: q.simple,
          },
        },
        parseProjects,
      ),
    getProject: (idOrPath) =>
      json(
        {
          method: 'GET',
          path: api(`/projects/${encodeURIComponent(String(idOrPath))}`),
          auth: 'auto',
          what: `project ${String(idOrPath)}`,
        },
        parseProject,
      ),
  };
}

/** Jobs: read them, their log and page data; cancel and retry them. */
function jobEndpoints(
  calls: GitlabExchange,
): Pick<GitlabClient, 'listJobs' | 'getJob' | 'webJob' | 'trace' | 'cancelJob' | 'retryJob'> {
  const { json, text } = calls;
  return {
    listJobs: (projectId, scopes, page = {}) =>
      json(
        {
          method: 'GET',
          path: api(`/projects/${projectId}/jobs`),
          auth: 'auto',
          what: `the jobs of project ${projectId}`,
          query: { 'scope[]': scopes, per_page: page.perPage, page: page.page },
        },
        parseJobs,
      ),
    getJob: (projectId, jobId) =>
      json(
        {
          method: 'GET',
          path: api(`/projects/${projectId}/jobs/${jobId}`),
          auth: 'auto',
          what: `job ${jobId}`,
        },
        parseJob,
      ),
    webJob: (projectPath, jobId) =>
      json(
        {
          method: 'GET',
          path: `/${encodePath(projectPath)}/-/jobs/${jobId}.json`,
          auth: 'cookie',
          what: `job ${jobId}'s page data`,
        },
        parseWebJob,
      ),
    trace: (projectId, jobId) =>
      text({
        method: 'GET',
        path: api(`/projects/${projectId}/jobs/${jobId}/trace`),
        auth: 'auto',
        what: `the log of job ${jobId}`,
      }),
    cancelJob: (projectId, jobId) =>
      json(
        {
          method: 'POST',
          path: api(`/projects/${projectId}/jobs/${jobId}/cancel`),
          auth: 'write',
          what: `cancelling job ${jobId}`,
        },
        parseJob,
      ),
    retryJob: (projectId, jobId) =>
      json(
        {
          method: 'POST',
          path: api(`/projects/${projectId}/jobs/${jobId}/retry`),
          auth: 'write',
          what: `retrying job ${jobId}`,
        },
        parseJob,
      ),
  };
}

function encodePath(projectPath: string): string {
  return projectPath
    .split('/')
    .filter((segment) => segment !== '')
    .map(encodeURIComponent)
    .join('/');
}
