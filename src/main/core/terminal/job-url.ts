/** Job URLs as GitLab shows them, and the terminal websocket URL derived from a job's web_url. */
import { ContractError } from '../../../shared/contract';

export interface JobRef {
  /** Full namespace/project path, e.g. `acme/platform/api`. */
  readonly projectPath: string;
  readonly jobId: number;
}

/**
 * `/<full/path>/-/jobs/<id>` followed by nothing, a slash, `/terminal`, `/terminal.ws` or `.json`:
 * the job page, its terminal page, its websocket and its web JSON all name the same job.
 */
const JOB_PATH = /^\/(.+?)\/-\/jobs\/(\d+)(?:\/|\/terminal\/?|\/terminal\.ws|\.json)?$/;

/** Parses a URL string, with a message that says what is wrong. */
export function parseUrl(input: string): URL {
  try {
    return new URL(input.trim());
  } catch {
    throw new ContractError(
      'bad-input',
      `"${input.trim()}" is not a URL: paste the job's address from GitLab.`,
    );
  }
}

/**
 * The project path and job id of a job URL under an account's base URL (which may carry a relative
 * root). Query and fragment are ignored.
 */
export function parseJobUrl(url: URL, baseUrl: string): JobRef {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const path = decodePath(url.pathname);
  const rest =
    basePath === '' ? path : path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : null;
  const match = rest === null ? null : JOB_PATH.exec(rest);
  const projectPath = match?.[1];
  const id = match?.[2];
  if (projectPath === undefined || id === undefined) {
    throw new ContractError(
      'bad-input',
      `${url.href} is not a job address: expected ${baseUrl}/<group>/<project>/-/jobs/<job id>.`,
    );
  }
  const jobId = Number(id);
  if (!Number.isSafeInteger(jobId) || jobId < 1) {
    throw new ContractError('bad-input', `${id} is not a valid job id.`);
  }
  return { projectPath: projectPath.replace(/\/+$/, ''), jobId };
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** The project path inside a job's web_url, or null when web_url does not lie under `baseUrl`. */
export function projectPathOf(webUrl: string, baseUrl: string): string | null {
  try {
    return parseJobUrl(new URL(webUrl), baseUrl).projectPath;
  } catch {
    return null;
  }
}

/** `https://host[/root]/<path>/-/jobs/<id>`: the job's page under the address the user entered. */
export function jobPageUrl(baseUrl: string, projectPath: string, jobId: number): string {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new ContractError('bad-input', `The account's address ${baseUrl} is not an http(s) URL.`);
  }
  const root = base.pathname.replace(/\/+$/, '');
  const path = projectPath
    .split('/')
    .filter((segment) => segment !== '')
    .map(encodeURIComponent)
    .join('/');
  return `${base.protocol}//${base.host}${root}/${path}/-/jobs/${jobId}`;
}

/**
 * `wss://host[/root]/<path>/-/jobs/<id>/terminal.ws` from the account's base URL, the full project
 * path and the job id. Workhorse matches only the full project path (docs/gitlab-terminal-protocol.md
 * §1.1). Never from GitLab's web_url: with an external_url that differs from the address the user
 * entered, web_url names another host, and the cookie must not follow it there.
 */
export function terminalSocketUrl(baseUrl: string, projectPath: string, jobId: number): string {
  const url = new URL(`${jobPageUrl(baseUrl, projectPath, jobId)}/terminal.ws`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
