import { ACCESS_LEVEL } from './model';
import type { Job, Project, User } from './model';

/** A project member's Gitlab::Access level, 0 for non-members and anonymous users. */
export function accessLevel(project: Project, user: User | null): number {
  if (user === null) return ACCESS_LEVEL.none;
  return project.members.get(user.id) ?? ACCESS_LEVEL.none;
}

/** `read_project`: members, anyone signed in for internal projects, everyone for public ones. */
export function canReadProject(project: Project, user: User | null): boolean {
  switch (project.visibility) {
    case 'public':
      return true;
    case 'internal':
      return user !== null;
    case 'private':
      return accessLevel(project, user) >= ACCESS_LEVEL.guest;
  }
}

/** `read_build`: Reporter and up (public pipelines of public projects are readable by all). */
export function canReadBuilds(project: Project, user: User | null): boolean {
  if (project.visibility === 'public') return true;
  return accessLevel(project, user) >= ACCESS_LEVEL.reporter;
}

/** A protected ref: only Maintainers may push or merge, so only they may update its jobs. */
function blockedByProtectedRef(job: Job, project: Project, user: User | null): boolean {
  return (
    project.protectedRefs.includes(job.ref) && accessLevel(project, user) < ACCESS_LEVEL.maintainer
  );
}

/** `update_build` (also `cancel_build`, `retry_job`): Developer+, not archived, ref rights. */
export function canUpdateBuild(job: Job, project: Project, user: User | null): boolean {
  return (
    !project.archived &&
    accessLevel(project, user) >= ACCESS_LEVEL.developer &&
    !blockedByProtectedRef(job, project, user)
  );
}

/** Ci::Build#has_terminal?: `running? && runner_session_url.present?` */
export function hasTerminal(job: Job): boolean {
  return job.status === 'running' && job.runnerSession !== null;
}

/**
 * BuildPolicy `create_build_terminal`: update_build & terminal & owner_of_job, prevented when the
 * project is archived. This is exactly when the web UI shows the Debug button.
 */
export function canCreateTerminal(job: Job, project: Project, user: User | null): boolean {
  return (
    user !== null &&
    job.userId === user.id &&
    hasTerminal(job) &&
    canUpdateBuild(job, project, user)
  );
}

/** A finished job can be retried; a running or pending one cannot. */
const RETRYABLE: readonly string[] = ['success', 'failed', 'canceled'];

/** Ci::Processable#retryable?: finished, and not already replaced by a retry (`retried?`). */
export function isRetryable(job: Job): boolean {
  return !job.retried && RETRYABLE.includes(job.status);
}
