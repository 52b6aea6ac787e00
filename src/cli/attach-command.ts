/**
 * `jobshell attach <job-url>`: credentials and the GitLab they belong to first (every problem
 * there is reported before any terminal exists), then the session itself.
 */
import type {
  Clock,
  HistoryFileAt,
  HttpTransport,
  Logger,
  NetworkOptions,
  SocketFactory,
} from '../main/core';
import type { AttachCommand, CredentialFlags } from './args';
import { runAttachSession, type AttachIo } from './attach-session';
import { connectAccount } from './cli-account';
import { loadCredentials, sessionCookies, type CliEnvironment } from './credentials';
import { discoverBaseUrl, explicitBaseUrl, parseJobAddress } from './job-address';

export interface CommandDeps {
  readonly environment: CliEnvironment;
  readonly http: HttpTransport;
  readonly createSocket: SocketFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly version: string;
  /** The attach history file (issue 15); absent: the session is not recorded. */
  readonly historyFile?: HistoryFileAt;
}

/** The job a command names, and its account connected with the command's credentials. */
export interface JobConnection {
  readonly address: ReturnType<typeof parseJobAddress>;
  readonly connection: Awaited<ReturnType<typeof connectAccount>>;
  readonly network: NetworkOptions;
  readonly baseUrl: string;
}

/**
 * Credentials and the GitLab they belong to, for a command that names a job URL (`attach`,
 * `retry`): every problem there is reported before anything else happens.
 */
export async function connectToJob(
  command: CredentialFlags & { readonly jobUrl: string; readonly baseUrl: string | null },
  deps: CommandDeps,
): Promise<JobConnection> {
  const { environment, http } = deps;
  const address = parseJobAddress(command.jobUrl);
  const credentials = await loadCredentials(command, environment);
  const network: NetworkOptions = { ca: credentials.ca, pinnedFingerprint: null, proxy: null };
  const baseUrl =
    command.baseUrl === null
      ? await discoverBaseUrl(address, http, network)
      : explicitBaseUrl(address, command.baseUrl);
  const connection = await connectAccount({
    http,
    baseUrl,
    cookies: sessionCookies(credentials.session, baseUrl, environment.now()),
    token: credentials.token,
    network,
    now: environment.now(),
  });
  return { address, connection, network, baseUrl };
}

/** Runs `attach`; resolves with the exit code, throws CliErrors and the core's errors. */
export async function runAttach(
  command: AttachCommand,
  deps: CommandDeps & { readonly io: AttachIo },
): Promise<number> {
  const { address, connection } = await connectToJob(command, deps);
  return runAttachSession(address.url.href, {
    connection,
    network: { http: deps.http, createSocket: deps.createSocket },
    clock: deps.clock,
    logger: deps.logger,
    version: deps.version,
    io: deps.io,
    syncSize: command.syncSize,
    ...(deps.historyFile === undefined ? {} : { historyFile: deps.historyFile }),
  });
}
