/** Builds an account's JobView list from its watched projects and terminal checks. */
import type { JobView } from '../../../shared/models';
import type { AccountConnection } from '../services';
import { terminalAvailability } from './availability';
import { compareJobViews, toJobView } from './job-view';
import type { TerminalChecks } from './terminal-checks';
import type { WatchedProject } from './watched-project';

/**
 * The user's running and pending jobs, plus other users' running jobs in the same projects (shown
 * apart, never debuggable: GitLab opens a terminal only for the job's own user, docs/gitlab-terminal-protocol.md §2.2).
 */
export function buildJobViews(
  connection: AccountConnection,
  projects: Iterable<WatchedProject>,
  checks: TerminalChecks,
): readonly JobView[] {
  const views: JobView[] = [];
  const seen = new Set<number>();
  for (const project of projects) {
    for (const job of project.jobs ?? []) {
      const mine = job.user?.id === connection.userId;
      // Another user's pending job tells the user nothing they can act on.
      if ((!mine && job.status !== 'running') || seen.has(job.id)) continue;
      seen.add(job.id);
      const terminal = terminalAvailability({
        job,
        mine,
        web: checks.web.get(job.id)?.answer ?? null,
        project: project.facts?.value ?? null,
      });
      const view = toJobView(job, {
        accountId: connection.accountId,
        projectId: project.id,
        projectPath: project.path,
        mine,
        terminal,
      });
      if (view !== null) views.push(view);
    }
  }
  return views.sort(compareJobViews);
}
