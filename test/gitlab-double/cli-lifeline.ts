import { readFileSync } from 'node:fs';

/** How often the standalone server checks that whoever launched it is still there. */
const LIFELINE_CHECK_MS = 500;
/** tsx → sh → npm: the launcher chain `npm run gitlab-double` puts above the server. */
const WATCHED_ANCESTORS = 3;
const INIT_PID = 1;

/** The parent pid of `pid` from /proc, or null where there is no /proc (macOS) or no process. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/**
 * Calls `onGone` once the launcher chain breaks. Needed because `npm run` forwards SIGTERM to its
 * `sh -c`, which dies without passing it on, leaving tsx and the server orphaned with live
 * shells. Each recorded ancestor must keep its recorded parent; init (1) is never watched.
 */
export function watchLauncher(onGone: () => void): void {
  const links: { child: number; parent: number }[] = [];
  let child = process.pid;
  for (let i = 0; i < WATCHED_ANCESTORS; i++) {
    const parent = child === process.pid ? process.ppid : parentOf(child);
    if (parent === null || parent <= INIT_PID) break;
    links.push({ child, parent });
    child = parent;
  }
  if (links.length === 0) return;
  const timer = setInterval(() => {
    const broken = links.some(({ child: c, parent }) =>
      c === process.pid ? process.ppid !== parent : parentOf(c) !== parent,
    );
    if (!broken) return;
    clearInterval(timer);
    onGone();
  }, LIFELINE_CHECK_MS);
  timer.unref();
}
