/** The double's runner holding a job open: the step every hold test starts from. */
import { waitForEvent, type GitlabDouble } from '../../gitlab-double';

/** Ends the job's script while a terminal is attached and waits until the runner holds the job. */
export async function endScriptIntoHold(gitlab: GitlabDouble, jobId: number): Promise<void> {
  const held = waitForEvent(
    gitlab,
    'log',
    (e) => e.jobId === jobId && e.line.includes('Terminal is connected'),
  );
  gitlab.endScript(jobId);
  await held;
}
