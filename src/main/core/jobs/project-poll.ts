/** Polling one watched project: its running and pending jobs, then the terminal checks they need. */
import type { ApiJob } from '../gitlab/wire-types';
import { pruneFailing, recordFailure, recordSuccess, runAttempt } from './poll-attempt';
import type { PollerContext } from './poller-context';
import { checkTerminals, pruneTerminalChecks } from './terminal-checks';
import { JOBS_PER_PAGE } from './tuning';
import type { WatchedProject } from './watched-project';

const JOB_SCOPES = ['running', 'pending'] as const;

/** Asks GitLab for the project's jobs, keeps the answer, and checks terminals where due. */
export function pollProject(context: PollerContext, project: WatchedProject): Promise<void> {
  const { client, connection, clock, gate } = context.deps;
  const { state } = context;
  return runAttempt(
    context,
    { key: `project:${project.id}`, timing: project.timing, project },
    () => client.listJobs(project.id, JOB_SCOPES, { perPage: JOBS_PER_PAGE }),
    async (answer) => {
      const mine = (job: ApiJob): boolean => job.user?.id === connection.userId;
      project.jobs = answer.value;
      if (answer.value.some(mine)) project.userJobSeenAt = clock.now();
      pruneTerminalChecks(state.checks, project, answer.value);
      pruneFailing(context);
      await checkTerminals({
        project,
        checks: state.checks,
        client,
        userId: connection.userId,
        clock,
        gate,
        isDisposed: () => state.disposed,
        onAnswer: (key, rateLimit, pollIntervalMs) => {
          recordSuccess(context, key, rateLimit, null);
          if (pollIntervalMs !== null && pollIntervalMs > 0) state.pollFloorMs = pollIntervalMs;
        },
        onFailure: (key, error) => recordFailure(context, key, error, null, null),
      });
    },
  );
}
