/**
 * What `jobshell attach` says about its session, and when it is over. Pure: the session views the
 * core publishes go in, lines for stderr and the verdict come out, so every wording and every exit
 * code is tested without a terminal.
 */
import type { SessionView } from '../shared/models';
import { assertNever } from '../shared/assert-never';
import { EXIT, exitCodeForClose } from './exit-codes';

/** What has been said already, so each line is printed once. */
export interface StatusMemory {
  readonly waitingShown: boolean;
  /** Connections announced so far ("Connected", then "Reconnected"). */
  readonly connections: number;
  readonly reconnectAttempt: number | null;
  /** Dropped output bytes reported so far (the core counts them; it writes no notice here). */
  readonly droppedReported: number;
}

export const INITIAL_STATUS: StatusMemory = {
  waitingShown: false,
  connections: 0,
  reconnectAttempt: null,
  droppedReported: 0,
};

export interface StatusUpdate {
  readonly memory: StatusMemory;
  readonly lines: readonly string[];
  /** A new shell was opened by this view (the first one, or one after a reconnect). */
  readonly newConnection: boolean;
}

/** The first line, printed as soon as the job is known. */
export function connectingLine(view: SessionView): string {
  return `Connecting to ${view.projectPath} job ${view.jobId} (${view.jobName})…`;
}

/** Progress lines for a new view of the session, and any output lost since the last one. */
export function statusUpdate(
  memory: StatusMemory,
  view: SessionView,
  interactive: boolean,
): StatusUpdate {
  const progress = progressUpdate(memory, view, interactive);
  const dropped = view.droppedBytes - memory.droppedReported;
  if (dropped <= 0) return progress;
  return {
    ...progress,
    memory: { ...progress.memory, droppedReported: view.droppedBytes },
    lines: [...progress.lines, droppedLine(dropped)],
  };
}

/** Data loss is said on stderr, never mixed into the job's bytes on stdout. */
export function droppedLine(bytes: number): string {
  return `${bytes} bytes of output were dropped: they arrived faster than they could be written.`;
}

function progressUpdate(
  memory: StatusMemory,
  view: SessionView,
  interactive: boolean,
): StatusUpdate {
  const { state } = view;
  switch (state.kind) {
    case 'connecting':
      if (!state.waitingForRunner || memory.waitingShown) return unchanged(memory);
      return {
        memory: { ...memory, waitingShown: true },
        lines: ['Waiting for the runner…'],
        newConnection: false,
      };
    case 'open':
    case 'held': {
      if (view.connections <= memory.connections) return unchanged(memory);
      const line =
        memory.connections > 0
          ? 'Reconnected: new shell, previous state lost.'
          : interactive
            ? 'Connected. Detach with Ctrl-] then q.'
            : 'Connected.';
      return {
        memory: {
          ...memory,
          waitingShown: false,
          connections: view.connections,
          reconnectAttempt: null,
        },
        lines: [line],
        newConnection: true,
      };
    }
    case 'reconnecting':
      if (state.attempt === memory.reconnectAttempt) return unchanged(memory);
      return {
        memory: { ...memory, waitingShown: false, reconnectAttempt: state.attempt },
        lines: [`${state.lastReason.message} Reconnecting (attempt ${state.attempt})…`],
        newConnection: false,
      };
    case 'checking':
    case 'closed':
      // Checking: the verdict follows within a request or two. Closed: the reason is the last
      // line, printed by whoever ends the command (endingFor).
      return unchanged(memory);
    default:
      return assertNever(state, 'session state');
  }
}

function unchanged(memory: StatusMemory): StatusUpdate {
  return { memory, lines: [], newConnection: false };
}

/** How the command ends: its exit code and the sentence printed last (null: nothing to add). */
export interface Ending {
  /** An ExitCode, or 128 + a signal number. */
  readonly exitCode: number;
  readonly message: string | null;
}

export interface EndingContext {
  /** stdin is a terminal (keys are typed), not a pipe or file. */
  readonly interactive: boolean;
  /** Piped input reached its end and `exit` was typed after it. */
  readonly inputEnded: boolean;
}

/** Whether this view ends the command, and how; null to keep going. */
export function endingFor(view: SessionView, context: EndingContext): Ending | null {
  const { state } = view;
  switch (state.kind) {
    case 'closed':
      return { exitCode: exitCodeForClose(state.reason.code), message: state.reason.message };
    case 'reconnecting':
      if (context.interactive) return null;
      // A new shell would run the rest of a script without the state the first part built, so
      // piped input never reconnects. After `exit` was typed, the drop is that exit.
      return context.inputEnded
        ? { exitCode: EXIT.ok, message: 'The shell exited.' }
        : {
            exitCode: EXIT.failed,
            message: `${state.lastReason.message} (Not reconnecting: with piped input the rest would run in a new shell.)`,
          };
    case 'connecting':
    case 'open':
    case 'held':
    case 'checking':
      return null;
    default:
      return assertNever(state, 'session state');
  }
}
