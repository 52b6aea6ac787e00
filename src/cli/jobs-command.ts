/** `jobshell jobs --url <gitlab-url> [--json]`: your running and pending jobs, once. */
import {
  createGitlabClient,
  normaliseBaseUrl,
  probeGitlab,
  type NetworkOptions,
} from '../main/core';
import type { JobsCommand } from './args';
import type { CommandDeps } from './attach-command';
import { connectAccount } from './cli-account';
import { loadCredentials, sessionCookies } from './credentials';
import { EXIT } from './exit-codes';
import { discoverJobs } from './jobs-discovery';
import { jobsJson, jobsTable } from './jobs-format';

/** Runs `jobs`, writing the list with `write`; resolves with the exit code. */
export async function runJobs(
  command: JobsCommand,
  deps: CommandDeps & { readonly write: (text: string) => void },
): Promise<number> {
  const { environment, http } = deps;
  const baseUrl = normaliseBaseUrl(command.url);
  const credentials = await loadCredentials(command, environment);
  const network: NetworkOptions = { ca: credentials.ca, pinnedFingerprint: null, proxy: null };
  // A clear "this is not GitLab" beats a confusing answer to the first authenticated call.
  await probeGitlab({ http, baseUrl, network });
  const connection = await connectAccount({
    http,
    baseUrl,
    cookies: sessionCookies(credentials.session, baseUrl, environment.now()),
    token: credentials.token,
    network,
    now: environment.now(),
  });
  const client = createGitlabClient(
    http,
    {
      baseUrl,
      cookieHeader: connection.cookieHeader,
      token: connection.token,
      network,
    },
    { userAgent: `Jobshell/${deps.version}`, clock: deps.clock },
  );
  const views = await discoverJobs(client, connection);
  const host = new URL(baseUrl).host;
  deps.write(
    command.json ? jobsJson(views) : jobsTable(views, `@${connection.username} on ${host}`),
  );
  return EXIT.ok;
}
