import type { Job } from '../state/model';

/** helpers/ansi_colors.go */
export const ANSI = {
  boldGreen: '\x1b[32;1m',
  boldRed: '\x1b[31;1m',
  boldCyan: '\x1b[36;1m',
  yellow: '\x1b[0;33m',
  reset: '\x1b[0;m',
  clearLine: '\x1b[0K',
} as const;

/** 'O' stdout, 'E' stderr: the stream letter of the FF_TIMESTAMPS prefix. */
export type LogStream = 'O' | 'E';

export interface LogLine {
  readonly text: string;
  readonly stream: LogStream;
}

export function infoLine(text: string): LogLine {
  return { text: `${ANSI.boldGreen}${text}${ANSI.reset}`, stream: 'O' };
}

export function errorLine(text: string): LogLine {
  return { text: `${ANSI.boldRed}${text}${ANSI.reset}`, stream: 'E' };
}

export function plainLine(text: string): LogLine {
  return { text, stream: 'O' };
}

export function commandLine(command: string): LogLine {
  return infoLine(`$ ${command}`);
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function sectionStart(name: string, header: string): LogLine {
  return plainLine(
    `section_start:${unixSeconds()}:${name}\r${ANSI.clearLine}${ANSI.clearLine}${ANSI.boldCyan}${header}${ANSI.reset}`,
  );
}

export function sectionEnd(name: string): LogLine {
  return plainLine(`section_end:${unixSeconds()}:${name}\r${ANSI.clearLine}`);
}

/** RFC 3339 with microseconds, as the runner's timestamper writes it. */
function timestamp(): string {
  const now = new Date();
  const micros = String(Math.floor((performance.timeOrigin + performance.now()) * 1000) % 1000);
  return now.toISOString().replace('Z', `${micros.padStart(3, '0')}Z`);
}

/**
 * Appends lines to a job's raw log. With FF_TIMESTAMPS every line starts with
 * `<RFC3339 µs> <stream id: 2 hex><O|E><' ' new line | '+' continuation>`
 * (common/buildlogger/internal/timestamper/timestamper.go).
 */
export class LogWriter {
  readonly #timestamps: boolean;
  readonly #onLine: (jobId: number, line: string) => void;

  constructor(timestamps: boolean, onLine: (jobId: number, line: string) => void) {
    this.#timestamps = timestamps;
    this.#onLine = onLine;
  }

  write(job: Job, lines: readonly LogLine[]): void {
    for (const { text, stream } of lines) {
      const line = this.#timestamps ? `${timestamp()} 00${stream} ${text}` : text;
      job.log += `${line}\n`;
      this.#onLine(job.id, line);
    }
  }
}
