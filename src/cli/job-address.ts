/**
 * From a job URL to the GitLab it lives on. A URL cannot tell a relative root from a namespace
 * (`https://host/gitlab/acme/api/-/jobs/1`: is GitLab at `/` or at `/gitlab`?), so either the user
 * says it with --base-url, or each possible root is asked for `/api/v4/version`, which only a real
 * GitLab answers as JSON (200 when signed in, 401 when not).
 */
import {
  createGitlabClient,
  normaliseBaseUrl,
  parseJobUrl,
  parseUrl,
  type HttpTransport,
  type NetworkOptions,
} from '../main/core';
import { usageError } from './cli-error';

export interface JobAddress {
  readonly url: URL;
  /** Possible base URLs, shortest first: no relative root is the common case. */
  readonly candidates: readonly string[];
}

/** The job page path, optionally its terminal page or JSON, as GitLab shows them. */
const JOB_PATH = /^(.*?)\/-\/jobs\/(\d+)(?:\/|\/terminal\/?|\/terminal\.ws|\.json)?$/;

/**
 * Every project lives in a namespace: at least `namespace/project` must stay after the root,
 * so the longest candidate root leaves two path segments.
 */
const MIN_PROJECT_SEGMENTS = 2;

/** Parses a job URL and lists the base URLs it could belong to; throws a usage error if it is none. */
export function parseJobAddress(input: string): JobAddress {
  const url = parseUrl(input);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError(`${url.protocol}// is not a GitLab address: give the job's https:// URL.`);
  }
  const match = JOB_PATH.exec(url.pathname);
  const segments = (match?.[1] ?? '').split('/').filter((segment) => segment !== '');
  if (match === null || segments.length < MIN_PROJECT_SEGMENTS) {
    throw usageError(
      `${url.href} is not a job address: expected https://<gitlab>/<group>/<project>/-/jobs/<job id>.`,
    );
  }
  const candidates: string[] = [];
  for (let rootLength = 0; rootLength <= segments.length - MIN_PROJECT_SEGMENTS; rootLength += 1) {
    const root = segments.slice(0, rootLength).join('/');
    candidates.push(normaliseBaseUrl(`${url.origin}/${root}`));
  }
  return { url, candidates: [...new Set(candidates)] };
}

/** The base URL given with --base-url, checked to contain the job URL. */
export function explicitBaseUrl(address: JobAddress, baseUrl: string): string {
  const normalised = normaliseBaseUrl(baseUrl);
  // Throws a bad-input message when the job URL does not lie under it.
  parseJobUrl(address.url, normalised);
  return normalised;
}

/** Asks each candidate root, without credentials, which one is GitLab. */
export async function discoverBaseUrl(
  address: JobAddress,
  http: HttpTransport,
  network: NetworkOptions,
): Promise<string> {
  for (const baseUrl of address.candidates) {
    const client = createGitlabClient(http, { baseUrl, cookieHeader: null, token: null, network });
    if ((await client.versionProbe()) === 'gitlab') return baseUrl;
  }
  const tried = address.candidates.map((base) => `${base}/api/v4/version`).join(', ');
  throw usageError(
    `Found no GitLab API at ${address.url.host} (tried ${tried}). If GitLab is served under a path, pass it with --base-url, e.g. --base-url ${address.url.origin}/gitlab.`,
  );
}
