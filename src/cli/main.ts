/**
 * The `jobshell` command: parses the command line, builds the core's ports for a plain Node
 * process, runs one command and turns every failure into a message on stderr and an exit code.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';
import {
  createStreamLogger,
  HISTORY_FILE_NAME,
  systemClock,
  type HistoryFileAt,
  type Logger,
  type LogLevel,
} from '../main/core';
import { createNodeDataFiles, nodeNetwork } from '../main/node';
import { assertNever } from '../shared/assert-never';
import { parseCommand, type HelpTopic } from './args';
import { runAttach, type CommandDeps } from './attach-command';
import type { AttachIo } from './attach-session';
import { toCliError } from './cli-error';
import { cliDataDir } from './data-dir';
import { EXIT } from './exit-codes';
import { runHistory } from './history-command';
import { runJobs } from './jobs-command';
import { runRetry } from './retry-command';
import { ATTACH_USAGE, HISTORY_USAGE, JOBS_USAGE, MAIN_USAGE, RETRY_USAGE } from './usage';

/** Names the log level of the core's JSON log on stderr; unset keeps the terminal clean. */
export const LOG_ENV = 'JOBSHELL_LOG';

const LOG_LEVELS: ReadonlySet<string> = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

/** Runs the command in `argv` (without node and the script name); resolves with the exit code. */
export async function runCli(argv: readonly string[], io: AttachIo): Promise<number> {
  const writeOut = (text: string): void => {
    io.stdout.write(text);
  };
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        writeOut(`${helpText(command.topic)}\n`);
        return EXIT.ok;
      case 'version':
        writeOut(`jobshell ${version}\n`);
        return EXIT.ok;
      case 'attach':
        return await runAttach(command, { ...commandDeps(io), io });
      case 'jobs':
        return await runJobs(command, { ...commandDeps(io), write: writeOut });
      case 'retry':
        return await runRetry(command, { ...commandDeps(io), io });
      case 'history':
        return await runHistory(command, {
          ...commandDeps(io),
          file: historyFile(),
          write: writeOut,
          warn: (text) => io.stderr.write(text),
        });
      default:
        return assertNever(command, 'command');
    }
  } catch (error) {
    const failure = toCliError(error);
    io.stderr.write(`jobshell: ${failure.message}\n`);
    return failure.exitCode;
  }
}

function helpText(topic: HelpTopic): string {
  switch (topic) {
    case 'main':
      return MAIN_USAGE;
    case 'attach':
      return ATTACH_USAGE;
    case 'jobs':
      return JOBS_USAGE;
    case 'retry':
      return RETRY_USAGE;
    case 'history':
      return HISTORY_USAGE;
    default:
      return assertNever(topic, 'help topic');
  }
}

function commandDeps(io: AttachIo): CommandDeps {
  const { http, createSocket } = nodeNetwork();
  return {
    environment: {
      env: process.env,
      readText: (path) => readFile(path, 'utf8'),
      now: () => systemClock.now(),
    },
    http,
    createSocket,
    clock: systemClock,
    logger: loggerFor(process.env[LOG_ENV], io),
    version,
    historyFile: historyFile(),
  };
}

/** The attach history file shared with the desktop app (JOBSHELL_DATA_DIR moves it). */
function historyFile(): HistoryFileAt {
  return {
    files: createNodeDataFiles(),
    path: join(cliDataDir(process.env, process.platform, homedir()), HISTORY_FILE_NAME),
  };
}

/** The core's log goes to stderr only when asked for: it would garble an interactive terminal. */
function loggerFor(level: string | undefined, io: AttachIo): Logger {
  if (level === undefined || !LOG_LEVELS.has(level)) return { log: () => undefined };
  return createStreamLogger((line) => io.stderr.write(line), level as LogLevel);
}
