import type { Logger, LogLevel } from '../../../src/main/core/ports';

export interface CapturedLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
}

/** A Logger that keeps every line, so tests can assert on what was (and was not) logged. */
export function captureLogger(): Logger & { readonly lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  return {
    lines,
    log: (level, message, fields) => {
      lines.push({ level, message, fields });
    },
    text: () =>
      lines.map((l) => `${l.level} ${l.message} ${JSON.stringify(l.fields ?? {})}`).join('\n'),
  };
}
