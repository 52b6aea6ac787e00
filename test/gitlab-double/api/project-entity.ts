import { ACCESS_LEVEL, type Project, type User } from '../state/model';
import { accessLevel } from '../state/permissions';
import { fullPathOf } from '../state/store';
import { projectWebUrl } from '../state/views';

/** NotificationSetting "global" */
const NOTIFICATION_LEVEL_GLOBAL = 3;

function namespaceEntity(project: Project, baseUrl: string): Record<string, unknown> {
  const ns = project.namespace;
  return {
    id: ns.id,
    name: ns.name,
    path: ns.path,
    kind: 'group',
    full_path: ns.fullPath,
    parent_id: ns.parentId,
    avatar_url: null,
    web_url: `${baseUrl}/groups/${ns.fullPath}`,
  };
}

function nameWithNamespace(project: Project): string {
  return [...project.namespace.fullPath.split('/'), project.path].join(' / ');
}

/** API::Entities::BasicProjectDetails (`simple=true`). */
export function simpleProjectEntity(project: Project, baseUrl: string): Record<string, unknown> {
  const fullPath = fullPathOf(project);
  const host = new URL(baseUrl).hostname;
  return {
    id: project.id,
    description: project.description,
    name: project.name,
    name_with_namespace: nameWithNamespace(project),
    path: project.path,
    path_with_namespace: fullPath,
    created_at: project.createdAt.toISOString(),
    default_branch: project.defaultBranch,
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@${host}:${fullPath}.git`,
    http_url_to_repo: `${baseUrl}/${fullPath}.git`,
    web_url: projectWebUrl(project, baseUrl),
    readme_url: `${projectWebUrl(project, baseUrl)}/-/blob/main/README.md`,
    forks_count: 0,
    avatar_url: null,
    star_count: 0,
    last_activity_at: project.lastActivityAt.toISOString(),
    namespace: namespaceEntity(project, baseUrl),
  };
}

/** API::Entities::ProjectWithAccess; `permissions` only on GET /projects/:id. */
export function projectEntity(
  project: Project,
  user: User | null,
  baseUrl: string,
  withPermissions: boolean,
): Record<string, unknown> {
  const level = accessLevel(project, user);
  const entity: Record<string, unknown> = {
    ...simpleProjectEntity(project, baseUrl),
    visibility: project.visibility,
    archived: project.archived,
    empty_repo: false,
    issues_enabled: true,
    merge_requests_enabled: true,
    jobs_enabled: true,
    builds_access_level: 'enabled',
    container_registry_enabled: true,
    shared_runners_enabled: true,
    creator_id: [...project.members.keys()][0] ?? null,
    open_issues_count: 0,
    public_jobs: true,
    ci_config_path: '',
    build_timeout: 3600,
    only_allow_merge_if_pipeline_succeeds: false,
    request_access_enabled: true,
    _links: {
      self: `${baseUrl}/api/v4/projects/${project.id}`,
      issues: `${baseUrl}/api/v4/projects/${project.id}/issues`,
      merge_requests: `${baseUrl}/api/v4/projects/${project.id}/merge_requests`,
      repo_branches: `${baseUrl}/api/v4/projects/${project.id}/repository/branches`,
      labels: `${baseUrl}/api/v4/projects/${project.id}/labels`,
      events: `${baseUrl}/api/v4/projects/${project.id}/events`,
      members: `${baseUrl}/api/v4/projects/${project.id}/members`,
    },
  };
  if (withPermissions) {
    entity.permissions = {
      project_access:
        level >= ACCESS_LEVEL.guest
          ? { access_level: level, notification_level: NOTIFICATION_LEVEL_GLOBAL }
          : null,
      group_access: null,
    };
  }
  return entity;
}
