/**
 * Workhorse's `project_jobs_terminal_ws` route: projectPattern `^/([^/]+/){1,}[^/]+/` plus
 * `-/jobs/[0-9]+/terminal.ws`, matched on the path without the relative URL root. A numeric
 * project id is a single segment and so never matches.
 */
const TERMINAL_WS_ROUTE = /^\/((?:[^/]+\/)+[^/]+)\/-\/jobs\/([0-9]+)\/terminal\.ws$/;

export interface TerminalRoute {
  readonly projectPath: string;
  readonly jobId: number;
}

export function matchTerminalRoute(localPath: string): TerminalRoute | null {
  const m = TERMINAL_WS_ROUTE.exec(localPath);
  if (m === null) return null;
  return { projectPath: m[1] ?? '', jobId: Number(m[2]) };
}

/** The path inside the relative URL root, or null when the request is outside it. */
export function stripRoot(path: string, root: string): string | null {
  if (root === '') return path;
  if (path === root) return '/';
  return path.startsWith(`${root}/`) ? path.slice(root.length) : null;
}

function hasToken(value: string | undefined, token: string): boolean {
  return (value ?? '').split(',').some((part) => part.trim().toLowerCase() === token);
}

/** gorilla's IsWebSocketUpgrade: `Connection: upgrade` and `Upgrade: websocket` tokens. */
export function isWebSocketUpgrade(
  connection: string | undefined,
  upgrade: string | undefined,
): boolean {
  return hasToken(connection, 'upgrade') && hasToken(upgrade, 'websocket');
}

/**
 * gorilla's checkSameOrigin, the upgrader default Workhorse keeps: no Origin passes; otherwise
 * the Origin's host[:port] must equal the Host header, ignoring ASCII case.
 */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(origin);
  const originHost = (m?.[1] ?? '').replace(/^.*@/, '');
  return originHost.toLowerCase() === (host ?? '').toLowerCase();
}
