/**
 * One pass of the app's job discovery, for `jobshell jobs`: the same projects (membership,
 * Developer or higher, most recently active first), the same jobs (running and pending, started by
 * you) and the same terminal verdicts (web job JSON `terminal_path`, explained by project facts),
 * built with the jobs engineer's pure pieces. No polling, no gate: a handful of requests, once.
 */
import type { JobView } from '../shared/models';
import {
  applyListed,
  buildJobViews,
  DEVELOPER_ACCESS,
  isGitlabError,
  JOBS_PER_PAGE,
  MAX_IN_FLIGHT_PER_INSTANCE,
  MAX_WATCHED_PROJECTS,
  newProject,
  projectFacts,
  webJobAnswer,
  type AccountConnection,
  type GitlabClient,
  type TerminalChecks,
  type WatchedProject,
  type WebJobAnswer,
} from '../main/core';
import { mapLimit } from './map-limit';

const JOB_SCOPES = ['running', 'pending'] as const;
/** No jitter in a single pass: nothing is scheduled. */
const NO_JITTER = 1;

/** Your running and pending jobs with their terminal availability, ordered as the app lists them. */
export async function discoverJobs(
  client: GitlabClient,
  connection: AccountConnection,
): Promise<readonly JobView[]> {
  const listed = await client.listProjects({
    membership: true,
    minAccessLevel: DEVELOPER_ACCESS,
    orderBy: 'last_activity_at',
    perPage: MAX_WATCHED_PROJECTS,
    simple: true,
  });
  const projects = listed.value.slice(0, MAX_WATCHED_PROJECTS).map((item) => {
    const project = newProject(item.id, item.path_with_namespace, NO_JITTER);
    applyListed(project, item);
    return project;
  });
  await mapLimit(projects, MAX_IN_FLIGHT_PER_INSTANCE, (project) => loadJobs(client, project));
  const checks: TerminalChecks = { web: new Map() };
  const mine = projects.flatMap((project) =>
    (project.jobs ?? [])
      .filter((job) => job.user?.id === connection.userId && job.status === 'running')
      .map((job) => ({ project, job })),
  );
  await mapLimit(mine, MAX_IN_FLIGHT_PER_INSTANCE, async ({ project, job }) => {
    const answer = await client.webJob(project.path, job.id).then(
      (response): WebJobAnswer => webJobAnswer(response.value),
      (): WebJobAnswer => ({ kind: 'failed' }),
    );
    checks.web.set(job.id, { projectId: project.id, status: job.status, refreshAt: 0, answer });
  });
  const unexplained = new Set(
    [...checks.web.values()]
      .filter(({ answer }) => answer.kind === 'failed' || answer.terminalPath === null)
      .map((check) => check.projectId),
  );
  await mapLimit(
    projects.filter((project) => unexplained.has(project.id)),
    MAX_IN_FLIGHT_PER_INSTANCE,
    (project) => loadFacts(client, project),
  );
  return buildJobViews(connection, projects, checks).filter((view) => view.mine);
}

/** A project GitLab hides (403/404: access lost since the list) simply has no jobs to show. */
async function loadJobs(client: GitlabClient, project: WatchedProject): Promise<void> {
  try {
    project.jobs = (
      await client.listJobs(project.id, JOB_SCOPES, { perPage: JOBS_PER_PAGE })
    ).value;
  } catch (error) {
    if (isGitlabError(error, 'forbidden') || isGitlabError(error, 'not-found')) {
      project.jobs = [];
      return;
    }
    throw error;
  }
}

/** Archived flag and role explain a missing terminal_path; without them the reason is generic. */
async function loadFacts(client: GitlabClient, project: WatchedProject): Promise<void> {
  try {
    const answer = await client.getProject(project.id);
    project.facts = { value: projectFacts(answer.value), refreshAt: 0 };
  } catch {
    project.facts = null;
  }
}
