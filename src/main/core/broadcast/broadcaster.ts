/**
 * Broadcast input (issue 15): the user chooses target terminals; whatever is typed or pasted into
 * any one of them goes to every target that can take it, byte for byte and in the order typed,
 * through each target's own session (so each keeps its own frames, chunking and exit detection).
 * One message comes from the renderer; the fan-out to N sockets happens here, in the core.
 */
import { assertNever } from '../../../shared/assert-never';
import type {
  BroadcastTarget,
  BroadcastTargetStatus,
  BroadcastView,
} from '../../../shared/broadcast-models';
import type { SessionState, SessionView } from '../../../shared/models';
import type { Unsubscribe } from '../services';

/** What the broadcaster types with: the terminal service's own per-session input. */
export interface BroadcastSink {
  input(sessionId: string, data: string): void;
  paste(sessionId: string, data: string, bracketed: boolean): void;
}

export interface Broadcaster {
  view(): BroadcastView;
  /** Replaces the targets (unknown ids are left out); [] stops broadcasting. */
  set(sessionIds: readonly string[]): BroadcastView;
  /** Keystrokes typed into `sessionId`: to every live target when it is one, else to it alone. */
  input(sessionId: string, data: string): void;
  /** A paste into `sessionId`, with each target's bracketed-paste mode. */
  paste(sessionId: string, data: string, modes: readonly BroadcastMode[]): void;
  /** The terminal service's session list changed: statuses follow, closed tabs leave. */
  sessions(views: readonly SessionView[]): void;
  onChange(listener: (view: BroadcastView) => void): Unsubscribe;
}

export interface BroadcastMode {
  readonly sessionId: string;
  readonly bracketed: boolean;
}

/** Whether a target in `state` takes input now, and if not, why (shown on its tab). */
export function targetStatus(state: SessionState): BroadcastTargetStatus {
  switch (state.kind) {
    case 'open':
    case 'held':
      return { kind: 'live' };
    case 'connecting':
      return { kind: 'skipped', reason: 'not connected yet' };
    case 'checking':
      return { kind: 'skipped', reason: 'connection dropped' };
    case 'reconnecting':
      return { kind: 'skipped', reason: 'reconnecting' };
    case 'closed':
      return { kind: 'skipped', reason: 'ended' };
    default:
      return assertNever(state, 'session state');
  }
}

/**
 * Where input typed into `origin` goes: every live target in the chosen order when `origin` is a
 * target, else `origin` alone (its own session decides what to do with it).
 */
export function fanOut(view: BroadcastView, origin: string): readonly string[] {
  if (!view.targets.some((t) => t.sessionId === origin)) return [origin];
  return view.targets.filter((t) => t.status.kind === 'live').map((t) => t.sessionId);
}

/** Creates the broadcaster typing through `sink`; `list` is the sessions as they are right now. */
export function createBroadcaster(
  sink: BroadcastSink,
  list: () => readonly SessionView[],
): Broadcaster {
  let sessions = new Map<string, SessionView>();
  let chosen: readonly string[] = [];
  let view: BroadcastView = { targets: [] };
  const listeners = new Set<(view: BroadcastView) => void>();

  const recompute = (): void => {
    const targets: BroadcastTarget[] = chosen.flatMap((sessionId) => {
      const session = sessions.get(sessionId);
      if (session === undefined) return [];
      return [{ sessionId, jobName: session.jobName, status: targetStatus(session.state) }];
    });
    chosen = targets.map((t) => t.sessionId);
    const next = { targets };
    if (JSON.stringify(next) === JSON.stringify(view)) return;
    view = next;
    for (const listener of listeners) listener(view);
  };

  return {
    view: () => view,
    set: (sessionIds) => {
      chosen = [...new Set(sessionIds)];
      sessions = new Map(list().map((s) => [s.id, s]));
      recompute();
      return view;
    },
    input: (sessionId, data) => {
      if (view.targets.length === 0) {
        sink.input(sessionId, data);
        return;
      }
      for (const target of fanOut(view, sessionId)) sink.input(target, data);
    },
    paste: (sessionId, data, modes) => {
      const bracketed = new Map(modes.map((m) => [m.sessionId, m.bracketed]));
      for (const target of fanOut(view, sessionId)) {
        sink.paste(target, data, bracketed.get(target) ?? false);
      }
    },
    sessions: (views) => {
      sessions = new Map(views.map((s) => [s.id, s]));
      recompute();
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
