/**
 * The terminal service's outgoing events and their listeners. The session list is coalesced for
 * one frame (SESSIONS_COALESCE_MS); output goes straight through (the batcher already batched it).
 */
import type { AppNotification, LogUpdate, OutputChunk, SessionView } from '../../../shared/models';
import type { Clock, TimerHandle } from '../ports';
import type { TerminalService, Unsubscribe } from '../services';

/**
 * Session-list events are coalesced for one 60 Hz frame: a reconnect changes state several times
 * within milliseconds, and the renderer only needs the latest list.
 */
export const SESSIONS_COALESCE_MS = 16;

export type TerminalSubscriptions = Pick<
  TerminalService,
  'onSessions' | 'onOutput' | 'onLog' | 'onNotification' | 'onFocus' | 'onClosing'
>;

/** Property signatures (not methods): each is handed around unbound. */
export interface TerminalEvents {
  readonly subscriptions: TerminalSubscriptions;
  /** The session list changed: published once the frame is over, read from `list` then. */
  readonly sessionsChanged: () => void;
  readonly output: (chunks: readonly OutputChunk[]) => void;
  readonly log: (update: LogUpdate) => void;
  readonly notification: (notification: AppNotification) => void;
  readonly focus: (sessionId: string) => void;
  readonly closing: (session: SessionView) => void;
  /** Stops the pending session-list event; nothing is published after this. */
  readonly dispose: () => void;
}

export function createTerminalEvents(
  clock: Clock,
  list: () => readonly SessionView[],
): TerminalEvents {
  const sessions = new Set<(sessions: readonly SessionView[]) => void>();
  const output = new Set<(chunks: readonly OutputChunk[]) => void>();
  const log = new Set<(update: LogUpdate) => void>();
  const notification = new Set<(notification: AppNotification) => void>();
  const focus = new Set<(sessionId: string) => void>();
  const closing = new Set<(session: SessionView) => void>();
  let sessionsTimer: TimerHandle | null = null;
  let disposed = false;

  return {
    subscriptions: {
      onSessions: (listener) => subscribe(sessions, listener),
      onOutput: (listener) => subscribe(output, listener),
      onLog: (listener) => subscribe(log, listener),
      onNotification: (listener) => subscribe(notification, listener),
      onFocus: (listener) => subscribe(focus, listener),
      onClosing: (listener) => subscribe(closing, listener),
    },
    sessionsChanged: () => {
      if (sessionsTimer !== null || disposed) return;
      sessionsTimer = clock.setTimeout(() => {
        sessionsTimer = null;
        const views = list();
        for (const listener of sessions) listener(views);
      }, SESSIONS_COALESCE_MS);
    },
    output: (chunks) => {
      for (const listener of output) listener(chunks);
    },
    log: (update) => {
      for (const listener of log) listener(update);
    },
    notification: (value) => {
      for (const listener of notification) listener(value);
    },
    focus: (sessionId) => {
      for (const listener of focus) listener(sessionId);
    },
    closing: (session) => {
      for (const listener of closing) listener(session);
    },
    dispose: () => {
      disposed = true;
      if (sessionsTimer !== null) clock.clearTimeout(sessionsTimer);
      sessionsTimer = null;
    },
  };
}

function subscribe<T>(set: Set<T>, listener: T): Unsubscribe {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
