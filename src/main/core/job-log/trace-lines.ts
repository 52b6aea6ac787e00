/**
 * What the runner writes to the job log about terminals (docs/gitlab-terminal-protocol.md §5.4), found in the raw log:
 * lines are read with the shared log grammar (timestamp prefix, section markers, colours removed).
 */
import { readLogLine, stripAnsi } from '../../../shared/terminal-grammar';

const HOLD_STARTED =
  /Terminal is connected, will time out in ((?:\d+h)?(?:\d+m)?(?:\d+(?:\.\d+)?s)?)\.\.\./;
const DISCONNECTED = /Terminal disconnected/;
const TIMED_OUT = /terminal session timed out/;

export type TerminalLogEvent =
  | { readonly kind: 'hold-started'; readonly timeoutS: number; readonly at: string | null }
  | { readonly kind: 'disconnected'; readonly at: string | null }
  | { readonly kind: 'timed-out'; readonly at: string | null };

/** Every terminal event in a log, in order. */
export function terminalLogEvents(log: string): readonly TerminalLogEvent[] {
  const events: TerminalLogEvent[] = [];
  for (const raw of log.split('\n')) {
    const { text, at } = cleanLine(raw);
    const hold = HOLD_STARTED.exec(text);
    if (hold !== null) {
      events.push({ kind: 'hold-started', timeoutS: parseGoDuration(hold[1] ?? ''), at });
    } else if (TIMED_OUT.test(text)) {
      events.push({ kind: 'timed-out', at });
    } else if (DISCONNECTED.test(text)) {
      events.push({ kind: 'disconnected', at });
    }
  }
  return events;
}

/** The last terminal event of a log, or null when the runner wrote none. */
export function lastTerminalLogEvent(log: string): TerminalLogEvent | null {
  return terminalLogEvents(log).at(-1) ?? null;
}

/** A log line as plain text (no prefix, markers, colours or overwritten text), its time apart. */
export function cleanLine(raw: string): { readonly text: string; readonly at: string | null } {
  const { text, at } = readLogLine(raw);
  return { text: stripAnsi(text), at };
}

/** Seconds of a Go duration such as `30m0s`, `1h0m0s`, `29m41s`, `2s`. */
export function parseGoDuration(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (match === null) return 0;
  const [, h = '0', m = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Math.round(Number(s));
}
