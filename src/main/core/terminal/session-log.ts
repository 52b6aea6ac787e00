/** A session's job log (product B1): the shared TraceFollower and the `terminal.log` request. */
import type { LogUpdate } from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, Logger } from '../ports';
import { toJobStatus } from './close-reasons';
import { toContractError } from './job-facts';
import { TraceFollower } from '../job-log/trace-follower';

export interface SessionLogDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pollMs: number;
  readonly sessionId: string;
  readonly projectId: number;
  readonly jobId: number;
  /** A client with the account's current credentials (throws when signed out). */
  readonly client: () => GitlabClient;
  readonly emit: (update: LogUpdate) => void;
}

/** Creates the follower of one job's log; the log pane's updates go to `emit`. */
export function createJobLog(deps: SessionLogDeps): TraceFollower {
  const { projectId, jobId, sessionId } = deps;
  return new TraceFollower(
    deps.clock,
    {
      trace: async () => (await deps.client().trace(projectId, jobId)).value,
      status: async () => toJobStatus((await deps.client().getJob(projectId, jobId)).value.status),
    },
    deps.pollMs,
    deps.logger,
    (update) => {
      deps.emit({ sessionId, text: update.appended, reset: update.reset });
    },
  );
}

/** `terminal.log`: the whole log so far (then appended parts as events), or stop following. */
export async function followLog(
  follower: TraceFollower,
  sessionId: string,
  follow: boolean,
): Promise<LogUpdate | null> {
  // Not followed while fetching, so no appended part races the whole log this call returns.
  follower.setFollowed(false);
  if (!follow) return null;
  let text: string;
  try {
    text = await follower.refresh(false);
  } catch (error) {
    throw toContractError(error);
  }
  follower.setFollowed(true);
  return { sessionId, text, reset: true };
}
