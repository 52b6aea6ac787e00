/**
 * Job URLs handed to the app from outside: a command-line argument, a `jobshell://open?url=…` link,
 * or a URL pasted by the user. Only the shape is checked here; the terminal service resolves the
 * account by host (and relative root) and opens the tab.
 */

/** The custom scheme Jobshell registers with the OS for "open this job" links. */
export const LAUNCH_SCHEME = 'jobshell:';

/**
 * `/<namespace…>/<project>/-/jobs/<id>` plus anything GitLab appends to a job page (`/terminal`,
 * `/raw`, `.json`, a trailing slash). The path before `/-/` may start with a relative root, which
 * cannot be told apart from a namespace here: the account lookup does that.
 */
const JOB_PATH = /^((?:\/[^/]+){2,})\/-\/jobs\/(\d+)(?:[/.].*)?$/;

/** The canonical job URL (`https://host[/root]/<path>/-/jobs/<id>`) in `arg`, or null. */
export function parseLaunchArgument(arg: string): string | null {
  const trimmed = arg.trim();
  if (trimmed.toLowerCase().startsWith(LAUNCH_SCHEME)) return parseSchemeLink(trimmed);
  return parseJobUrl(trimmed);
}

/**
 * The first job URL among a process's arguments. Electron's argv holds the executable, the app path
 * and Chromium/Electron flags before (or after) the URL, so anything that is not a job URL is skipped.
 */
export function findLaunchUrl(argv: readonly string[]): string | null {
  for (const arg of argv) {
    // A flag's value (`--foo=https://…`) is never the launch URL, even if it looks like one.
    if (arg.startsWith('-')) continue;
    const url = parseLaunchArgument(arg);
    if (url !== null) return url;
  }
  return null;
}

/** What a launch asks for: open the job's terminal, or retry the (finished) job with a terminal. */
export interface LaunchAction {
  readonly kind: 'open' | 'retry';
  readonly url: string;
}

/**
 * The first launch among a process's arguments, with its action: `jobshell://retry?url=<job URL>`
 * retries; `jobshell://open?url=…` and plain job URLs open.
 */
export function findLaunchAction(argv: readonly string[]): LaunchAction | null {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const trimmed = arg.trim();
    if (trimmed.toLowerCase().startsWith(LAUNCH_SCHEME) && schemeAction(trimmed) === 'retry') {
      const inner = tryUrl(trimmed)?.searchParams.get('url') ?? null;
      const url = inner === null ? null : parseJobUrl(inner.trim());
      if (url !== null) return { kind: 'retry', url };
      continue;
    }
    const url = parseLaunchArgument(arg);
    if (url !== null) return { kind: 'open', url };
  }
  return null;
}

function schemeAction(link: string): string | null {
  const url = tryUrl(link);
  return url === null ? null : `${url.host}${url.pathname}`.replace(/^\/+|\/+$/g, '').toLowerCase();
}

/** `jobshell://open?url=<encoded job URL>` (also `jobshell:open?…` and a trailing slash). */
function parseSchemeLink(link: string): string | null {
  const url = tryUrl(link);
  if (url === null) return null;
  const target = `${url.host}${url.pathname}`.replace(/^\/+|\/+$/g, '');
  if (target.toLowerCase() !== 'open') return null;
  const inner = url.searchParams.get('url');
  // The inner URL must be a plain job URL: a link that wraps another jobshell: link is junk.
  return inner === null ? null : parseJobUrl(inner.trim());
}

function parseJobUrl(text: string): string | null {
  const url = tryUrl(text);
  if (url === null) return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // Credentials in a launch URL would be sent nowhere by us, but they signal a crafted link.
  if (url.username !== '' || url.password !== '') return null;
  const match = JOB_PATH.exec(url.pathname);
  const path = match?.[1];
  const id = match?.[2];
  if (path === undefined || id === undefined) return null;
  const jobId = Number(id);
  if (!Number.isSafeInteger(jobId) || jobId < 1) return null;
  return `${url.origin}${path}/-/jobs/${jobId}`;
}

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
