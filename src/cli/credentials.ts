/**
 * Credentials from the command line and the environment: the web session (required: GitLab opens
 * terminals only for it, docs/gitlab-terminal-protocol.md §2.1), an optional token, extra CAs. Parsing reuses the accounts
 * code, so a cookie or a cookies.txt file is accepted exactly when the app would accept it.
 * Nothing here ever echoes a secret: messages name the source, never the value.
 */
import { ContractError } from '../shared/contract';
import { assertNever } from '../shared/assert-never';
import {
  cleanToken,
  parseCaBundle,
  parseCookiesTxt,
  parsePastedCookie,
  SESSION_COOKIE,
  type SignInCookie,
} from '../main/core';
import type { CredentialFlags } from './args';
import { usageError } from './cli-error';

/** What the CLI reads from the outside world, injectable for tests. */
export interface CliEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readText(path: string): Promise<string>;
  now(): number;
}

/** The session before the base URL is known: a cookies.txt file is matched against it later. */
export type SessionSource =
  | { readonly kind: 'pasted'; readonly cookies: readonly SignInCookie[] }
  | { readonly kind: 'cookies-txt'; readonly file: string; readonly text: string };

export interface CliCredentials {
  readonly session: SessionSource;
  readonly token: string | null;
  /** Extra trusted roots (PEM). */
  readonly ca: readonly string[];
}

export const SESSION_ENV = 'GITLAB_SESSION';
export const TOKEN_ENV = 'GITLAB_TOKEN';

export const MISSING_SESSION = `No GitLab session: set ${SESSION_ENV} to the value of your ${SESSION_COOKIE} cookie, or pass --cookies cookies.txt`;

/**
 * Reads and checks every credential source, before anything goes over the network, so a missing
 * or malformed one is reported at once (exit 2).
 */
export async function loadCredentials(
  flags: CredentialFlags,
  environment: CliEnvironment,
): Promise<CliCredentials> {
  const session = await loadSession(flags, environment);
  const token = await loadToken(flags, environment);
  const ca: string[] = [];
  for (const file of flags.caFiles) {
    const text = await readFlagFile(environment, '--ca', file);
    ca.push(...explain(() => parseCaBundle(text, environment.now()), `--ca ${file}`));
  }
  return { session, token, ca };
}

/** The session's cookies for the GitLab at `baseUrl` (a cookies.txt file may hold other hosts). */
export function sessionCookies(
  source: SessionSource,
  baseUrl: string,
  now: number,
): readonly SignInCookie[] {
  switch (source.kind) {
    case 'pasted':
      return source.cookies;
    case 'cookies-txt':
      return explain(() => parseCookiesTxt(source.text, baseUrl, now), `--cookies ${source.file}`);
    default:
      return assertNever(source, 'session source');
  }
}

async function loadSession(
  flags: CredentialFlags,
  environment: CliEnvironment,
): Promise<SessionSource> {
  // An explicit flag wins over the environment: it is what the user typed for this run.
  if (flags.cookiesFile !== null) {
    const text = await readFlagFile(environment, '--cookies', flags.cookiesFile);
    return { kind: 'cookies-txt', file: flags.cookiesFile, text };
  }
  const value = environment.env[SESSION_ENV]?.trim() ?? '';
  if (value === '') throw usageError(MISSING_SESSION);
  return { kind: 'pasted', cookies: explain(() => parsePastedCookie(value), SESSION_ENV) };
}

async function loadToken(
  flags: CredentialFlags,
  environment: CliEnvironment,
): Promise<string | null> {
  if (flags.tokenFile !== null) {
    const text = await readFlagFile(environment, '--token-file', flags.tokenFile);
    const token = explain(() => cleanToken(text), `--token-file ${flags.tokenFile}`);
    if (token === null) throw usageError(`--token-file ${flags.tokenFile} is empty.`);
    return token;
  }
  return explain(() => cleanToken(environment.env[TOKEN_ENV]), TOKEN_ENV);
}

async function readFlagFile(
  environment: CliEnvironment,
  flag: string,
  file: string,
): Promise<string> {
  try {
    return await environment.readText(file);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : error instanceof Error
              ? error.message
              : String(error);
    throw usageError(`Cannot read ${flag} ${file}: ${why}.`);
  }
}

/** Runs a parser of the accounts code; its bad-input message gets the source in front. */
function explain<T>(parse: () => T, source: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ContractError) throw usageError(`${source}: ${error.message}`);
    throw error;
  }
}
