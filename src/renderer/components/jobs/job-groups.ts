/** Pure helpers of the job list: filtering, grouping and time formatting. */
import type { AccountJobs, AccountView, JobView } from '../../../shared/models';

export interface ProjectGroup {
  readonly projectPath: string;
  readonly jobs: readonly JobView[];
}

export interface AccountGroup {
  readonly account: AccountView;
  /** null until the core sent this account's first list. */
  readonly entry: AccountJobs | null;
  /** The user's own jobs, by project. */
  readonly projects: readonly ProjectGroup[];
  /** Other users' running jobs in the same projects: shown apart, never debuggable. */
  readonly others: readonly JobView[];
  /** Jobs hidden by the filter. */
  readonly filteredOut: number;
}

/** Whether a job matches the filter text (job name, project path or ref; case-insensitive). */
export function matchesFilter(job: JobView, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [job.name, job.projectPath, job.ref].some((field) => field.toLowerCase().includes(needle));
}

/** Accounts in their own order, each with its filtered jobs grouped by project. */
export function groupJobs(
  accounts: readonly AccountView[],
  lists: readonly AccountJobs[],
  filter: string,
): readonly AccountGroup[] {
  return accounts.map((account) => {
    const entry = lists.find((l) => l.accountId === account.id) ?? null;
    const all = entry?.jobs ?? [];
    const shown = all.filter((job) => matchesFilter(job, filter));
    const projects = new Map<string, JobView[]>();
    for (const job of shown.filter((j) => j.mine)) {
      const list = projects.get(job.projectPath) ?? [];
      list.push(job);
      projects.set(job.projectPath, list);
    }
    return {
      account,
      entry,
      projects: [...projects].map(([projectPath, jobs]) => ({ projectPath, jobs })),
      others: shown.filter((j) => !j.mine),
      filteredOut: all.length - shown.length,
    };
  });
}

const SECOND_MS = 1000;

/** `4:07` or `1:02:03`: how long a job has been running (or waiting). */
export function formatElapsed(fromIso: string | null, now: number): string {
  const from = fromIso === null ? NaN : Date.parse(fromIso);
  if (Number.isNaN(from)) return '';
  const total = Math.max(0, Math.floor((now - from) / SECOND_MS));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** "just now", "42 s ago", "3 min ago", "2 h ago". */
export function formatAgo(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / SECOND_MS));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

/** A wall-clock time, e.g. "14:03:20". */
export function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
