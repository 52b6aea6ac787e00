/** Checks GitLab's JSON answers against the wire types (throws WireShapeError on a wrong shape). */
import type { ApiAccess, ApiJob, ApiProject, ApiTokenSelf, ApiUser, ApiWebJob } from './wire-types';
import {
  asArray,
  asRecord,
  num,
  optBool,
  optNum,
  optRecord,
  optStr,
  str,
  strList,
  type WireRecord,
} from './wire-read';

/** `GET /user`. */
export function parseUser(value: unknown): ApiUser {
  const r = asRecord(value, 'user');
  return {
    id: num(r, 'id', 'user'),
    username: str(r, 'username', 'user'),
    name: optStr(r, 'name', 'user') ?? str(r, 'username', 'user'),
    state: optStr(r, 'state', 'user'),
    web_url: optStr(r, 'web_url', 'user'),
  };
}

/** `GET /personal_access_tokens/self`. */
export function parseTokenSelf(value: unknown): ApiTokenSelf {
  const r = asRecord(value, 'token');
  return {
    id: num(r, 'id', 'token'),
    name: optStr(r, 'name', 'token') ?? '',
    user_id: optNum(r, 'user_id', 'token'),
    scopes: strList(r, 'scopes', 'token'),
    expires_at: optStr(r, 'expires_at', 'token'),
    // Older GitLab omits these; a token that answered at all is active and not revoked.
    active: optBool(r, 'active', 'token') ?? true,
    revoked: optBool(r, 'revoked', 'token') ?? false,
  };
}

/** One project. */
export function parseProject(value: unknown): ApiProject {
  const r = asRecord(value, 'project');
  const permissions = optRecord(r, 'permissions', 'project');
  return {
    id: num(r, 'id', 'project'),
    name: optStr(r, 'name', 'project') ?? str(r, 'path_with_namespace', 'project'),
    path_with_namespace: str(r, 'path_with_namespace', 'project'),
    web_url: optStr(r, 'web_url', 'project') ?? '',
    archived: optBool(r, 'archived', 'project'),
    last_activity_at: optStr(r, 'last_activity_at', 'project'),
    permissions:
      permissions === null
        ? null
        : {
            project_access: parseAccess(permissions, 'project_access'),
            group_access: parseAccess(permissions, 'group_access'),
          },
  };
}

function parseAccess(permissions: WireRecord, key: string): ApiAccess | null {
  const access = optRecord(permissions, key, 'project.permissions');
  return access === null
    ? null
    : { access_level: num(access, 'access_level', `project.permissions.${key}`) };
}

/** A list of projects. */
export function parseProjects(value: unknown): readonly ApiProject[] {
  return asArray(value, 'projects').map(parseProject);
}

/** One job of the public API. */
export function parseJob(value: unknown): ApiJob {
  const r = asRecord(value, 'job');
  const user = optRecord(r, 'user', 'job');
  const pipeline = optRecord(r, 'pipeline', 'job');
  const runner = optRecord(r, 'runner', 'job');
  return {
    id: num(r, 'id', 'job'),
    status: str(r, 'status', 'job'),
    stage: optStr(r, 'stage', 'job') ?? '',
    name: str(r, 'name', 'job'),
    ref: optStr(r, 'ref', 'job') ?? '',
    created_at: optStr(r, 'created_at', 'job') ?? '',
    started_at: optStr(r, 'started_at', 'job'),
    finished_at: optStr(r, 'finished_at', 'job'),
    web_url: optStr(r, 'web_url', 'job') ?? '',
    user:
      user === null
        ? null
        : { id: num(user, 'id', 'job.user'), username: str(user, 'username', 'job.user') },
    pipeline:
      pipeline === null
        ? null
        : {
            id: num(pipeline, 'id', 'job.pipeline'),
            project_id: optNum(pipeline, 'project_id', 'job.pipeline'),
          },
    runner:
      runner === null
        ? null
        : {
            id: num(runner, 'id', 'job.runner'),
            description: optStr(runner, 'description', 'job.runner'),
          },
    failure_reason: optStr(r, 'failure_reason', 'job'),
    duration: optNum(r, 'duration', 'job'),
    queued_duration: optNum(r, 'queued_duration', 'job'),
  };
}

/** A list of jobs. */
export function parseJobs(value: unknown): readonly ApiJob[] {
  return asArray(value, 'jobs').map(parseJob);
}

/** The web job JSON; `status` there is a detailed-status object, not a string. */
export function parseWebJob(value: unknown): ApiWebJob {
  const r = asRecord(value, 'web job');
  const status = r.status;
  let statusGroup: string | null = null;
  if (typeof status === 'string') statusGroup = status;
  else if (status !== undefined && status !== null) {
    statusGroup = optStr(asRecord(status, 'web job.status'), 'group', 'web job.status');
  }
  return {
    id: num(r, 'id', 'web job'),
    name: optStr(r, 'name', 'web job'),
    terminal_path: optStr(r, 'terminal_path', 'web job'),
    cancel_path: optStr(r, 'cancel_path', 'web job'),
    retry_path: optStr(r, 'retry_path', 'web job'),
    status_group: statusGroup,
    complete: optBool(r, 'complete', 'web job'),
  };
}
