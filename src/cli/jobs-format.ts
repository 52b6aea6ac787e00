/** `jobshell jobs` output: a table for people, a JSON array for scripts. Pure. */
import type { JobView } from '../shared/models';

/** One job as `--json` prints it: GitLab's snake_case names, so it reads like the API. */
export interface JobRecord {
  readonly id: number;
  readonly name: string;
  readonly status: string;
  readonly stage: string;
  readonly ref: string;
  readonly web_url: string;
  /** Path with namespace, e.g. `acme/platform/api`. */
  readonly project: string;
  readonly project_id: number;
  readonly debuggable: boolean;
  /** Why the terminal cannot be opened, or null when it can. */
  readonly reason: string | null;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly runner: string | null;
}

/** The record of one listed job. */
export function jobRecord(view: JobView): JobRecord {
  return {
    id: view.id,
    name: view.name,
    status: view.status,
    stage: view.stage,
    ref: view.ref,
    web_url: view.webUrl,
    project: view.projectPath,
    project_id: view.projectId,
    debuggable: view.terminal.available,
    reason: view.terminal.available ? null : view.terminal.reason,
    created_at: view.createdAt,
    started_at: view.startedAt,
    runner: view.runner,
  };
}

/** The `--json` output: an array, pretty-printed, ending in a newline. */
export function jobsJson(views: readonly JobView[]): string {
  return `${JSON.stringify(views.map(jobRecord), null, 2)}\n`;
}

const HEADERS = ['ID', 'PROJECT', 'NAME', 'STATUS', 'TERMINAL'] as const;
/** Spaces between columns. */
const GAP = '  ';

/** The table; the last column (the reason) is not padded, so long reasons simply run on. */
export function jobsTable(views: readonly JobView[], who: string): string {
  if (views.length === 0) return `No running or pending jobs of ${plain(who)}.\n`;
  const rows = views.map((view) =>
    [
      String(view.id),
      view.projectPath,
      view.name,
      view.status,
      view.terminal.available ? 'yes' : view.terminal.reason,
    ].map(plain),
  );
  const all = [[...HEADERS], ...rows];
  // Measured in UTF-16 units, as padEnd pads (wide characters may still misalign a little).
  const widths = HEADERS.map((_, column) =>
    Math.max(...all.map((row) => (row[column] ?? '').length)),
  );
  const lines = all.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join(GAP),
  );
  return `${lines.join('\n')}\n`;
}

/** Job and project names come from GitLab users: no escape sequence reaches the user's terminal. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
