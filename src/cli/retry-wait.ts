/** `jobshell retry --attach`: waits for the new job to leave the queue, saying so on stderr. */
import { FOLLOW_POLL_MS, type Clock, type GitlabClient } from '../main/core';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';

const ACTIVE = ['created', 'waiting_for_resource', 'preparing', 'pending', 'scheduled'];
/** A "still waiting" line at most this often, so a long queue does not flood stderr. */
const WAIT_NOTICE_MS = 30_000;

/** Resolves once the job runs; throws when it ends first (exit 1) or GitLab fails. */
export async function waitUntilRunning(
  client: GitlabClient,
  projectId: number,
  jobId: number,
  clock: Clock,
  say: (line: string) => void,
): Promise<void> {
  const since = clock.now();
  let lastNotice = -Infinity;
  for (;;) {
    const job = (await client.getJob(projectId, jobId)).value;
    if (job.status === 'running') return;
    if (!ACTIVE.includes(job.status)) {
      throw new CliError(EXIT.failed, `Job ${jobId} is ${job.status}: it ended before it ran.`);
    }
    const now = clock.now();
    if (now - lastNotice >= WAIT_NOTICE_MS) {
      lastNotice = now;
      const waited = Math.round((now - since) / 1000);
      say(`Job ${jobId} is ${job.status}, waiting for a runner (${waited} s so far)…`);
    }
    await new Promise<void>((resolve) => clock.setTimeout(resolve, FOLLOW_POLL_MS));
  }
}
