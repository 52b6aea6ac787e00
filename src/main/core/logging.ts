import type { Logger, LogLevel } from './ports';

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * JSON-lines logger for Node (browser mode, CLI) and Electron's main process. Callers pass ids and
 * hosts, never credentials; `redact` is a last line of defence for values that look like secrets.
 */
export function createStreamLogger(
  write: (line: string) => void,
  minimum: LogLevel = 'info',
  now: () => number = Date.now,
): Logger {
  return {
    log: (level, message, fields) => {
      if (LEVEL_ORDER[level] < LEVEL_ORDER[minimum]) return;
      write(
        `${JSON.stringify({ t: new Date(now()).toISOString(), level, message, ...redact(fields ?? {}) })}\n`,
      );
    },
  };
}

const SECRET_FIELD = /cookie|token|password|secret|authorization/i;

/** Drops fields whose names say they hold a credential. */
export function redact(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = SECRET_FIELD.test(key) ? '[redacted]' : value;
  return out;
}
