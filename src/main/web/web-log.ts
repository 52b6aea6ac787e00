/**
 * Where browser mode's JSON log goes. `npm run web` / `npm start` print human lines only: the
 * core's JSON log goes to a file in the data directory, unless JOBSHELL_LOG names a level, which
 * sends it to stderr at that level (as the CLI does).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStreamLogger, type Logger, type LogLevel } from '../core';

export const WEB_LOG_ENV = 'JOBSHELL_LOG';
export const WEB_LOG_FILE = 'jobshell-web.log';

const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

export interface WebLog {
  readonly logger: Logger;
  /** What to tell the user about where the log is. */
  readonly where: string;
  readonly close: () => void;
}

/** The logger for browser mode; `env` is JOBSHELL_LOG's value. */
export function openWebLog(dataDir: string, env: string | undefined): WebLog {
  if (env !== undefined && LEVELS.has(env)) {
    return {
      logger: createStreamLogger((line) => process.stderr.write(line), env as LogLevel),
      where: `Log: stderr (${WEB_LOG_ENV}=${env})`,
      close: () => undefined,
    };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, WEB_LOG_FILE);
  // Appended, owner-only: the log holds no secrets, but host names and job ids are nobody else's.
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  stream.on('error', () => undefined);
  return {
    logger: createStreamLogger((line) => stream.write(line)),
    where: `Log: ${path} (set ${WEB_LOG_ENV}=info to see it here)`,
    close: () => stream.end(),
  };
}
