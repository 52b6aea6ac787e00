/** Refreshing an account's project list: which projects exist to watch (member, Developer or up). */
import type { ApiProject } from '../gitlab/wire-types';
import { DEVELOPER_ACCESS } from './availability';
import { jitterFactor } from './cadence';
import { pruneFailing, runAttempt } from './poll-attempt';
import type { PollerContext } from './poller-context';
import { pruneTerminalChecks } from './terminal-checks';
import { MAX_WATCHED_PROJECTS } from './tuning';
import { mergeListed } from './watched-project';

/** Asks GitLab for the most recently active projects and applies the answer. */
export function refreshProjectList(context: PollerContext): Promise<void> {
  const { deps, state } = context;
  return runAttempt(
    context,
    { key: 'list', timing: state.list, project: null },
    () =>
      deps.client.listProjects({
        membership: true,
        // Only Developers and up can open terminals, so only their projects are watched.
        minAccessLevel: DEVELOPER_ACCESS,
        orderBy: 'last_activity_at',
        perPage: MAX_WATCHED_PROJECTS,
        simple: true,
      }),
    (answer) => {
      mergeList(context, answer.value.slice(0, MAX_WATCHED_PROJECTS));
    },
  );
}

function mergeList(context: PollerContext, listed: readonly ApiProject[]): void {
  const { deps, state } = context;
  const removed = mergeListed(state.projects, listed, () => jitterFactor(deps.random));
  for (const project of removed) pruneTerminalChecks(state.checks, project, []);
  state.listLoaded = true;
  pruneFailing(context);
}
