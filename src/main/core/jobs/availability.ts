/**
 * Whether the user can open a job's terminal, and if not, the likely reason. GitLab's web job JSON
 * (`terminal_path`) is the only exact answer (docs/gitlab-terminal-protocol.md §4 item 8, §6.2); the reasons below explain
 * its absence with what else is known, in the order GitLab's BuildPolicy checks them (§2.2).
 */
import type { ApiJob } from '../gitlab/wire-types';
import type { TerminalAvailability } from '../../../shared/models';

/** Gitlab::Access::DEVELOPER: the least role that may update a job and so open its terminal. */
export const DEVELOPER_ACCESS = 30;

/** What the web job JSON said about one job, or that asking failed. */
export type WebJobAnswer =
  | {
      readonly kind: 'answered';
      readonly terminalPath: string | null;
      /** cancel_path: present when the user may update (so cancel) the job. */
      readonly canUpdate: boolean;
    }
  | { readonly kind: 'failed' };

/** Project facts that explain a missing terminal_path (from GET /projects/:id). */
export interface ProjectFacts {
  readonly archived: boolean | null;
  /** The user's highest role in the project (project or group membership), when known. */
  readonly accessLevel: number | null;
}

export interface AvailabilityInput {
  readonly job: ApiJob;
  readonly mine: boolean;
  readonly web: WebJobAnswer | null;
  readonly project: ProjectFacts | null;
}

const AVAILABLE: TerminalAvailability = { available: true };

/** Decides the terminal badge of one listed job. */
export function terminalAvailability(input: AvailabilityInput): TerminalAvailability {
  const { job } = input;
  if (!input.mine) {
    const who = job.user === null ? 'someone else' : `@${job.user.username}`;
    return unavailable(`Started by ${who}: only the user who started a job can open its terminal`);
  }
  if (job.status !== 'running') return unavailable(notRunningReason(job.status));
  const web = input.web;
  // Not asked yet, or asking failed: the terminal itself will say precisely what is wrong, so
  // do not hide the action behind a guess.
  if (web === null || web.kind === 'failed') return guessFromProject(input.project) ?? AVAILABLE;
  if (web.terminalPath !== null) return AVAILABLE;
  const fromProject = guessFromProject(input.project);
  if (fromProject !== null) return fromProject;
  if (!web.canUpdate) {
    // Developer or more, not archived, yet no update_build: BuildPolicy's protected_ref rule.
    return unavailable(
      `The ref ${job.ref} is protected and you may not push or merge to it, so GitLab lets you neither update this job nor open its terminal`,
    );
  }
  return unavailable(noSessionReason(job));
}

function unavailable(reason: string): TerminalAvailability {
  return { available: false, reason };
}

function notRunningReason(status: string): string {
  switch (status) {
    case 'pending':
      return 'Waiting for a runner: a terminal can be opened once the job is running';
    case 'created':
    case 'waiting_for_resource':
    case 'preparing':
    case 'scheduled':
    case 'manual':
      return 'Not running yet: a terminal can be opened once the job is running';
    default:
      return 'The job is no longer running';
  }
}

function guessFromProject(project: ProjectFacts | null): TerminalAvailability | null {
  if (project === null) return null;
  if (project.archived === true) {
    return unavailable('The project is archived: GitLab allows no terminals in archived projects');
  }
  if (project.accessLevel !== null && project.accessLevel < DEVELOPER_ACCESS) {
    return unavailable('Opening a terminal needs the Developer role or higher in this project');
  }
  return null;
}

/** Docker hints in the runner's description or the job's tags (both chosen by the admin or user). */
const DOCKER_HINT = /docker/i;

function noSessionReason(job: ApiJob): string {
  if (DOCKER_HINT.test(job.runner?.description ?? '')) {
    return (
      'GitLab offers no terminal for this job. Its runner looks like a Docker runner: without a ' +
      '[session_server] it has no terminals, and with one the terminal closes when the script ends'
    );
  }
  return (
    'GitLab offers no terminal for this job: its runner has no [session_server] (or GitLab cannot ' +
    'reach it), or its executor cannot open terminals (only Shell, Docker and Kubernetes can)'
  );
}
