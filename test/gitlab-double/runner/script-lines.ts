import { RUNNER_REVISION, RUNNER_VERSION } from '../core/constants';
import type { JobMode } from '../core/types';
import type { Job } from '../state/model';
import {
  commandLine,
  errorLine,
  infoLine,
  plainLine,
  sectionEnd,
  sectionStart,
  type LogLine,
} from './job-log';

/** The double's one runner, as it appears in job logs and in the API's `runner` field. */
export const RUNNER = {
  id: 17,
  description: 'double-runner-1',
  shortToken: 't3_Dbl9xQ2w',
  systemId: 's_5f2b8c1d9e0a',
  managerId: 23,
} as const;

const IMAGE = 'ruby:3.3';

function executorLines(mode: JobMode): LogLine[] {
  switch (mode) {
    case 'shell':
      return [
        sectionStart('prepare_executor', 'Preparing the "shell" executor'),
        plainLine('Using Shell (bash) executor...'),
      ];
    case 'docker':
      return [
        sectionStart('prepare_executor', 'Preparing the "docker" executor'),
        plainLine(`Using Docker executor with image ${IMAGE} ...`),
        plainLine(`Pulling docker image ${IMAGE} ...`),
        plainLine(`Using docker image sha256:4c1b0e5a8f2d for ${IMAGE} ...`),
      ];
    case 'kubernetes':
      return [
        sectionStart('prepare_executor', 'Preparing the "kubernetes" executor'),
        plainLine('Using Kubernetes namespace: gitlab-runner'),
        plainLine(`Using Kubernetes executor with image ${IMAGE} ...`),
      ];
  }
}

/** Everything the runner logs from picking the job up to the first script command. */
export function preludeLines(job: Job, projectPath: string): LogLine[] {
  return [
    plainLine(`Running with gitlab-runner ${RUNNER_VERSION} (${RUNNER_REVISION})`),
    plainLine(`  on ${RUNNER.description} ${RUNNER.shortToken}, system ID: ${RUNNER.systemId}`),
    ...executorLines(job.mode),
    sectionEnd('prepare_executor'),
    sectionStart('prepare_script', 'Preparing environment'),
    plainLine(`Running on runner-${RUNNER.shortToken}-project-${job.projectId}-concurrent-0...`),
    sectionEnd('prepare_script'),
    sectionStart('get_sources', 'Getting source from Git repository'),
    infoLine('Fetching changes with git depth set to 20...'),
    plainLine(`Initialized empty Git repository in /builds/${projectPath}/.git/`),
    infoLine('Created fresh repository.'),
    infoLine(`Checking out ${job.sha.slice(0, 8)} as detached HEAD (ref is ${job.ref})...`),
    plainLine(''),
    infoLine('Skipping Git submodules setup'),
    sectionEnd('get_sources'),
    sectionStart('step_script', 'Executing "step_script" stage of the job script'),
    commandLine(`echo "Running ${job.name}"`),
    plainLine(`Running ${job.name}`),
  ];
}

/** One tick of script output while the script runs. */
export function progressLines(job: Job, tick: number): LogLine[] {
  return [commandLine(`./ci/${job.stage}.sh --step ${tick}`), plainLine(`step ${tick}: ok`)];
}

/** The end of `step_script`; a failing script shows its exit. */
export function scriptEndLines(job: Job): LogLine[] {
  const failing = job.exitCode === 0 ? [] : [commandLine(`exit ${job.exitCode}`), plainLine('')];
  return [...failing, sectionEnd('step_script')];
}

/** After the terminal wait: cleanup and the final verdict. */
export function finishLines(job: Job): LogLine[] {
  return [
    sectionStart(
      'cleanup_file_variables',
      'Cleaning up project directory and file based variables',
    ),
    sectionEnd('cleanup_file_variables'),
    job.exitCode === 0
      ? infoLine('Job succeeded')
      : errorLine(`ERROR: Job failed: exit code ${job.exitCode}`),
  ];
}

/** Runner lines of a job that timed out (context deadline). */
export function jobTimeoutLines(timeout: string): LogLine[] {
  return [errorLine(`ERROR: Job failed: execution took longer than ${timeout} seconds`)];
}

/** A whole log for jobs created already finished. */
export function historicalLog(job: Job, projectPath: string): LogLine[] {
  return [
    ...preludeLines(job, projectPath),
    ...progressLines(job, 1),
    ...scriptEndLines(job),
    ...finishLines(job),
  ];
}
