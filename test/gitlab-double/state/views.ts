import type { AdminJobView, JobInfo, ProjectInfo } from '../core/types';
import type { Job, Project } from './model';
import { fullPathOf } from './store';

export function projectWebUrl(project: Project, baseUrl: string): string {
  return `${baseUrl}/${fullPathOf(project)}`;
}

export function jobWebUrl(job: Job, project: Project, baseUrl: string): string {
  return `${projectWebUrl(project, baseUrl)}/-/jobs/${job.id}`;
}

export function projectInfo(project: Project, baseUrl: string): ProjectInfo {
  return {
    id: project.id,
    path_with_namespace: fullPathOf(project),
    web_url: projectWebUrl(project, baseUrl),
  };
}

/** A job's entry in the start line and the answer of `POST <admin>jobs`. */
export function jobInfo(job: Job, project: Project, baseUrl: string): JobInfo {
  return {
    id: job.id,
    project_id: job.projectId,
    user_id: job.userId,
    web_url: jobWebUrl(job, project, baseUrl),
    mode: job.mode,
    name: job.name,
    status: job.status,
  };
}

const MS_PER_S = 1000;

export function adminJobView(
  job: Job,
  project: Project,
  baseUrl: string,
  terminalAttached: boolean,
): AdminJobView {
  const phase = job.phase;
  return {
    id: job.id,
    project_id: job.projectId,
    user_id: job.userId,
    name: job.name,
    ref: job.ref,
    mode: job.mode,
    status: job.status,
    script_running: phase.kind === 'script',
    exit_code: job.exitCode,
    runner_session: job.runnerSession !== null,
    terminal_attached: terminalAttached,
    hold:
      phase.kind === 'hold'
        ? {
            seconds: phase.seconds,
            remaining_s: Math.max(0, Math.round((phase.deadline - Date.now()) / MS_PER_S)),
          }
        : null,
    web_url: jobWebUrl(job, project, baseUrl),
  };
}
