/** Rules of broadcast input in the renderer: which tabs a choice means, when a paste asks first. */
import type { AccountJobs, SessionView } from '../../../shared/models';
import type { PasteSummary } from '../../terminal/xterm/paste-policy';

/**
 * A paste into a broadcast asks first when it has more than one line (each may run as a command
 * in every target) or goes to more than one target (the user sees where it lands).
 */
export function broadcastPasteNeedsConfirmation(summary: PasteSummary, targets: number): boolean {
  return summary.lineCount > 1 || targets > 1;
}

/** Tabs whose session can still take input: the ones "all open tabs" means. */
export function openTabs(sessions: readonly SessionView[]): readonly string[] {
  return sessions.filter((s) => s.state.kind !== 'closed').map((s) => s.id);
}

/** The pipeline of a session's job, when the job list knows it. */
export function pipelineOf(session: SessionView, jobs: readonly AccountJobs[]): number | null {
  for (const group of jobs) {
    if (group.accountId !== session.accountId) continue;
    const job = group.jobs.find((j) => j.id === session.jobId);
    if (job !== undefined) return job.pipelineId;
  }
  return null;
}

/** Open tabs of jobs in the same pipeline as `session` (on the same account), in tab order. */
export function pipelineTabs(
  session: SessionView,
  sessions: readonly SessionView[],
  jobs: readonly AccountJobs[],
): readonly string[] {
  const pipeline = pipelineOf(session, jobs);
  if (pipeline === null) return [session.id];
  return sessions
    .filter(
      (s) =>
        s.state.kind !== 'closed' &&
        s.accountId === session.accountId &&
        pipelineOf(s, jobs) === pipeline,
    )
    .map((s) => s.id);
}

/** The targets after toggling `sessionId`. */
export function toggleTarget(targets: readonly string[], sessionId: string): readonly string[] {
  return targets.includes(sessionId)
    ? targets.filter((id) => id !== sessionId)
    : [...targets, sessionId];
}
