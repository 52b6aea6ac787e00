/**
 * The held-open alerts on screen, as a pure view of the job terminal model: one per alert the
 * core lists, with the jobs it speaks for, while they are still held. Nothing here keeps a copy or
 * a timer: the countdown is the model's deadline minus the shared clock.
 */
import type { JobTerminalsSnapshot, JobTerminalView } from '../../../shared/job-terminal';
import { formatCountdown } from '../../terminal/workspace/countdown';

export interface HeldJob {
  readonly view: JobTerminalView;
  readonly deadline: number;
  readonly scriptResult: 'passed' | 'failed' | null;
}

export interface HoldAlertView {
  readonly id: string;
  readonly summary: boolean;
  readonly jobs: readonly HeldJob[];
}

/** Alerts in the model that still have a held job, minus those dismissed here. */
export function holdAlerts(
  snapshot: JobTerminalsSnapshot,
  dismissed: ReadonlySet<string>,
): readonly HoldAlertView[] {
  const byId = new Map<string, { summary: boolean; jobs: HeldJob[] }>();
  for (const view of snapshot.jobs) {
    const { alert, state } = view;
    if (alert === null || state.kind !== 'held' || dismissed.has(alert.id)) continue;
    const entry = byId.get(alert.id) ?? { summary: alert.kind === 'summary', jobs: [] };
    entry.jobs.push({ view, deadline: state.deadline, scriptResult: state.scriptResult });
    byId.set(alert.id, entry);
  }
  return [...byId].map(([id, entry]) => ({ id, ...entry }));
}

/** "finished (failed)" or "finished its script". */
function finished(job: HeldJob): string {
  return job.scriptResult === null ? 'finished its script' : `finished (${job.scriptResult})`;
}

/** The toast's title. */
export function alertTitle(alert: HoldAlertView): string {
  const first = alert.jobs[0];
  if (alert.summary || first === undefined || alert.jobs.length > 1) {
    return `${alert.jobs.length} jobs are held open by your terminals`;
  }
  return `${first.view.jobName} is held open by your terminal`;
}

/** One line per job, each with its live countdown. */
export function alertLines(alert: HoldAlertView, now: number): readonly string[] {
  return alert.jobs.map((job) => {
    const left = formatCountdown(job.deadline - now);
    return alert.jobs.length === 1 && !alert.summary
      ? `${job.view.jobName} ${finished(job)}. Your idle terminal is keeping the job running: ${left} left. (${job.view.projectPath})`
      : `${job.view.jobName}: ${left} left`;
  });
}
