/**
 * The command line, parsed into one typed command. Hand-written rather than node:util's parseArgs
 * because that one takes `--cookies --json` as a file named "--json"; here a missing value, an
 * unknown flag or a stray argument is a usage error (exit 2) that names it.
 */
import { usageError } from './cli-error';
import type { HistoryCommand } from './history-command';

/** Where credentials come from, besides the environment. */
export interface CredentialFlags {
  readonly cookiesFile: string | null;
  readonly tokenFile: string | null;
  readonly caFiles: readonly string[];
}

export interface AttachCommand extends CredentialFlags {
  readonly kind: 'attach';
  readonly jobUrl: string;
  readonly baseUrl: string | null;
  readonly syncSize: boolean;
}

export interface JobsCommand extends CredentialFlags {
  readonly kind: 'jobs';
  readonly url: string;
  readonly json: boolean;
}

export interface RetryCommand extends CredentialFlags {
  readonly kind: 'retry';
  readonly jobUrl: string;
  readonly baseUrl: string | null;
  /** Then attach to the new job, exactly as `jobshell attach` does. */
  readonly attach: boolean;
  /** Retry even where the terminal cannot hold the failure (Docker, unknown executor). */
  readonly yes: boolean;
  readonly syncSize: boolean;
}

export type HelpTopic = 'main' | 'attach' | 'jobs' | 'retry' | 'history';

export type Command =
  | { readonly kind: 'help'; readonly topic: HelpTopic }
  | { readonly kind: 'version' }
  | AttachCommand
  | JobsCommand
  | RetryCommand
  | HistoryCommand;

type FlagKind = 'string' | 'strings' | 'boolean';

/** Flags every command that talks to GitLab accepts. */
const CREDENTIAL_FLAGS: Readonly<Record<string, FlagKind>> = {
  cookies: 'string',
  'token-file': 'string',
  ca: 'strings',
};

const ATTACH_FLAGS: Readonly<Record<string, FlagKind>> = {
  ...CREDENTIAL_FLAGS,
  'base-url': 'string',
  'sync-size': 'boolean',
  help: 'boolean',
};

const JOBS_FLAGS: Readonly<Record<string, FlagKind>> = {
  ...CREDENTIAL_FLAGS,
  url: 'string',
  json: 'boolean',
  help: 'boolean',
};

const RETRY_FLAGS: Readonly<Record<string, FlagKind>> = {
  ...ATTACH_FLAGS,
  attach: 'boolean',
  yes: 'boolean',
};

interface Parsed {
  readonly positionals: readonly string[];
  readonly strings: ReadonlyMap<string, readonly string[]>;
  readonly booleans: ReadonlySet<string>;
}

/** Parses `argv` (without node and the script) into a command, or throws a usage error. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help', topic: helpTopic(rest[0]) };
    case '--version':
    case '-V':
      return { kind: 'version' };
    case 'attach':
      return parseAttach(rest);
    case 'jobs':
      return parseJobs(rest);
    case 'retry':
      return parseRetry(rest);
    case 'history':
      return parseHistory(rest);
    default:
      throw usageError(
        first.startsWith('-')
          ? `Unknown option ${first}: a command (attach, jobs, retry or history) comes first. See "jobshell --help".`
          : `Unknown command "${first}": use attach, jobs, retry or history. See "jobshell --help".`,
      );
  }
}

function helpTopic(word: string | undefined): HelpTopic {
  if (word === undefined) return 'main';
  if (word === 'attach' || word === 'jobs' || word === 'retry' || word === 'history') return word;
  throw usageError(`No help for "${word}": the commands are attach, jobs, retry and history.`);
}

function parseAttach(args: readonly string[]): Command {
  const parsed = parseFlags(args, ATTACH_FLAGS, 'attach');
  if (parsed.booleans.has('help')) return { kind: 'help', topic: 'attach' };
  const [jobUrl, ...extra] = parsed.positionals;
  if (jobUrl === undefined) {
    throw usageError(
      'jobshell attach needs the job URL, e.g. jobshell attach https://gitlab.example.com/acme/api/-/jobs/5001',
    );
  }
  rejectExtra(extra, 'attach');
  return {
    kind: 'attach',
    jobUrl,
    baseUrl: single(parsed, 'base-url'),
    syncSize: parsed.booleans.has('sync-size'),
    ...credentialFlags(parsed),
  };
}

function parseRetry(args: readonly string[]): Command {
  const parsed = parseFlags(args, RETRY_FLAGS, 'retry');
  if (parsed.booleans.has('help')) return { kind: 'help', topic: 'retry' };
  const [jobUrl, ...extra] = parsed.positionals;
  if (jobUrl === undefined) {
    throw usageError(
      'jobshell retry needs the URL of a finished job, e.g. jobshell retry https://gitlab.example.com/acme/api/-/jobs/5001',
    );
  }
  rejectExtra(extra, 'retry');
  return {
    kind: 'retry',
    jobUrl,
    baseUrl: single(parsed, 'base-url'),
    attach: parsed.booleans.has('attach'),
    yes: parsed.booleans.has('yes'),
    syncSize: parsed.booleans.has('sync-size'),
    ...credentialFlags(parsed),
  };
}

function parseJobs(args: readonly string[]): Command {
  const parsed = parseFlags(args, JOBS_FLAGS, 'jobs');
  if (parsed.booleans.has('help')) return { kind: 'help', topic: 'jobs' };
  rejectExtra(parsed.positionals, 'jobs');
  const url = single(parsed, 'url');
  if (url === null) {
    throw usageError("jobshell jobs needs your GitLab's address: --url https://gitlab.example.com");
  }
  return { kind: 'jobs', url, json: parsed.booleans.has('json'), ...credentialFlags(parsed) };
}

function parseHistory(args: readonly string[]): Command {
  const parsed = parseFlags(args, { json: 'boolean', help: 'boolean' }, 'history');
  if (parsed.booleans.has('help')) return { kind: 'help', topic: 'history' };
  rejectExtra(parsed.positionals, 'history');
  return { kind: 'history', json: parsed.booleans.has('json') };
}

function credentialFlags(parsed: Parsed): CredentialFlags {
  return {
    cookiesFile: single(parsed, 'cookies'),
    tokenFile: single(parsed, 'token-file'),
    caFiles: parsed.strings.get('ca') ?? [],
  };
}

function rejectExtra(extra: readonly string[], command: string): void {
  const [first] = extra;
  if (first !== undefined) {
    throw usageError(`Unexpected argument "${first}" for jobshell ${command}.`);
  }
}

function single(parsed: Parsed, name: string): string | null {
  const values = parsed.strings.get(name) ?? [];
  if (values.length > 1) throw usageError(`--${name} was given more than once.`);
  return values[0] ?? null;
}

/** Splits flags from positionals; `--` ends the flags. */
function parseFlags(
  args: readonly string[],
  known: Readonly<Record<string, FlagKind>>,
  command: string,
): Parsed {
  const positionals: string[] = [];
  const strings = new Map<string, string[]>();
  const booleans = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      booleans.add('help');
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg : arg.slice(0, eq)).replace(/^--?/, '');
    const inline = eq < 0 ? null : arg.slice(eq + 1);
    const kind = known[name];
    if (kind === undefined || !arg.startsWith('--')) {
      throw usageError(
        `Unknown option ${eq < 0 ? arg : arg.slice(0, eq)} for jobshell ${command}. See "jobshell ${command} --help".`,
      );
    }
    if (kind === 'boolean') {
      if (inline !== null) throw usageError(`--${name} takes no value.`);
      booleans.add(name);
      continue;
    }
    let value = inline;
    if (value === null) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw usageError(`--${name} needs a value.`);
      }
      value = next;
      i += 1;
    }
    if (value === '') throw usageError(`--${name} needs a value.`);
    strings.set(name, [...(strings.get(name) ?? []), value]);
  }
  return { positionals, strings, booleans };
}
