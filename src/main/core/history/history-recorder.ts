/**
 * Turns the terminal sessions' views into attach-history records: one record per terminal
 * session (a manual Reconnect after an end starts the next one), with how it ended, its automatic
 * reconnects, how long it held a finished job open, and whether Jobshell released it. It only
 * watches: the session list, the moment a tab is closed, and auto-releases (through the hold
 * feature's seam); it changes nothing about the sessions.
 */
import type { HistoryRecord, ReleasedBy, TranscriptFiles } from '../../../shared/history-models';
import type { SessionView } from '../../../shared/models';
import type { Clock, Logger } from '../ports';
import type { HoldTracker } from '../hold/hold-seam';
import type { HistoryStore } from './history-store';
import { historyOutcomeOf } from './outcome';

/** Who and where a session is, beyond its view (the app knows accounts and pipelines). */
export interface SessionFacts {
  readonly accountId: string | null;
  readonly account: string;
  readonly instance: string;
  readonly pipelineId: number | null;
}

export interface HistoryRecorderDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: HistoryStore;
  readonly source: HistoryRecord['source'];
  /** Unique per process, so records of the app and of `jobshell attach` never share an id. */
  readonly runId: string;
  readonly facts: (view: SessionView) => SessionFacts;
  /** The sentence for a tab the user closed (the CLI says "detached"). */
  readonly closedSentence: string;
  /** Writes the session's transcripts when the user asked for that; null when not. */
  readonly saveTranscripts?: (
    view: SessionView,
    startedAt: number,
  ) => Promise<TranscriptFiles | null>;
}

export interface HistoryRecorder {
  /** Every session-list update of the terminal service. */
  sessions(views: readonly SessionView[]): void;
  /** A tab is about to close (its session still exists, with its transcript). */
  closing(view: SessionView): void;
  /** The hold tracker with auto-releases noted, so they are told apart from the user's. */
  wrapHoldTracker(tracker: HoldTracker): HoldTracker;
  /** Ends every live record (the app is quitting) and waits until the history is written. */
  finish(): Promise<void>;
}

interface Live {
  readonly kind: 'live';
  readonly startedAt: number;
  readonly connectionsAtStart: number;
  /** Taken at the start: by the end, the account may have been removed. */
  readonly facts: SessionFacts;
  view: SessionView;
  heldSince: number | null;
  holdDeadline: number | null;
  holdTimeoutS: number | null;
  wasHeld: boolean;
}

type Tracked = Live | { readonly kind: 'ended' };

const QUIT_SENTENCE = 'Jobshell quit: the terminal was closed.';

/** Creates a recorder writing into `deps.store`. */
export function createHistoryRecorder(deps: HistoryRecorderDeps): HistoryRecorder {
  const { clock } = deps;
  const tracked = new Map<string, Tracked>();
  const autoReleased = new Set<string>();
  const pending = new Set<Promise<void>>();

  const end = (live: Live, ending: Ending): void => {
    const write = writeRecord(deps, live, recordOf(deps, live, ending, clock.now()));
    pending.add(write);
    void write
      .catch((error: unknown) => {
        deps.logger.log('error', 'could not record a session in the history', {
          error: String(error),
        });
      })
      .finally(() => pending.delete(write));
  };

  const endClosedByUser = (live: Live, sentence: string): void => {
    end(live, { outcome: 'closed', reason: sentence, releasedBy: live.wasHeld ? 'you' : null });
  };

  const update = (view: SessionView): void => {
    const entry = tracked.get(view.id);
    const closed = view.state.kind === 'closed';
    // Still the end already recorded: nothing new until a Reconnect opens the next session.
    if (entry?.kind === 'ended' && closed) return;
    if (entry === undefined || entry.kind === 'ended') {
      // A new tab, or a manual Reconnect after the last record ended.
      const live = startLive(deps, view, entry === undefined ? 0 : view.connections);
      tracked.set(view.id, live);
      observe(live, view);
      if (closed) finishClosed(live, view);
      return;
    }
    observe(entry, view);
    if (closed) finishClosed(entry, view);
  };

  const finishClosed = (live: Live, view: SessionView): void => {
    if (view.state.kind !== 'closed') return;
    const { reason } = view.state;
    const outcome = historyOutcomeOf(reason.code);
    const releasedBy: ReleasedBy | null =
      outcome === 'released' ? (autoReleased.has(view.id) ? 'auto' : 'you') : null;
    autoReleased.delete(view.id);
    tracked.set(view.id, { kind: 'ended' });
    end(live, { outcome, reason: reason.message, releasedBy });
  };

  return {
    sessions: (views) => {
      const ids = new Set<string>();
      for (const view of views) {
        ids.add(view.id);
        update(view);
      }
      for (const [id, entry] of tracked) {
        if (ids.has(id)) continue;
        // Gone without a `closing` call: still the user's close.
        if (entry.kind === 'live') endClosedByUser(entry, deps.closedSentence);
        tracked.delete(id);
      }
    },
    closing: (view) => {
      const entry = tracked.get(view.id);
      tracked.delete(view.id);
      if (entry?.kind !== 'live') return;
      observe(entry, view);
      if (view.state.kind === 'closed') finishClosed(entry, view);
      else endClosedByUser(entry, deps.closedSentence);
      tracked.delete(view.id);
    },
    wrapHoldTracker: (tracker) => notingAutoRelease(tracker, autoReleased),
    finish: async () => {
      for (const [id, entry] of tracked) {
        if (entry.kind === 'live') endClosedByUser(entry, QUIT_SENTENCE);
        tracked.delete(id);
      }
      await Promise.all([...pending]);
      await deps.store.flush();
    },
  };
}

/** The tracker, with the sessions it releases noted: their records say 'auto', not 'you'. */
function notingAutoRelease(tracker: HoldTracker, autoReleased: Set<string>): HoldTracker {
  return (subject) =>
    tracker({
      ...subject,
      onTrace: (listener) => subject.onTrace(listener),
      lastInputAt: () => subject.lastInputAt(),
      connected: () => subject.connected(),
      release: () => {
        autoReleased.add(subject.sessionId);
        subject.release();
      },
    });
}

/** A session's record from its start, as it is when tracking starts. */
function startLive(deps: HistoryRecorderDeps, view: SessionView, connectionsAtStart: number): Live {
  return {
    kind: 'live',
    startedAt: deps.clock.now(),
    connectionsAtStart,
    facts: deps.facts(view),
    view,
    heldSince: null,
    holdDeadline: null,
    holdTimeoutS: null,
    wasHeld: false,
  };
}

/** Notes the session's latest view, and the hold's times when it is held. */
function observe(live: Live, view: SessionView): void {
  live.view = view;
  live.wasHeld = view.state.kind === 'held';
  if (view.state.kind === 'held') {
    const { hold } = view.state;
    live.heldSince ??= hold.deadline - hold.timeoutS * 1000;
    live.holdDeadline = hold.deadline;
    live.holdTimeoutS = hold.timeoutS;
  }
}

/** The history record of a session that ended `now` (its transcripts are added once saved). */
function recordOf(
  deps: HistoryRecorderDeps,
  live: Live,
  ending: Ending,
  now: number,
): HistoryRecord {
  const { view } = live;
  const heldUntil = Math.min(now, live.holdDeadline ?? now);
  // A hold that timed out lasted its whole session_timeout, whatever our view of its start (a
  // log without timestamps dates the hold from the poll that saw it, up to a poll late).
  const heldSeconds =
    live.heldSince === null
      ? 0
      : ending.outcome === 'hold-timed-out' && live.holdTimeoutS !== null
        ? live.holdTimeoutS
        : Math.max(0, Math.round((heldUntil - live.heldSince) / 1000));
  return {
    id: `${deps.runId}-${view.id}-${live.startedAt}`,
    source: deps.source,
    ...live.facts,
    projectId: view.projectId,
    projectPath: view.projectPath,
    jobId: view.jobId,
    jobName: view.jobName,
    webUrl: view.webUrl,
    startedAt: live.startedAt,
    endedAt: Math.max(now, live.startedAt),
    outcome: ending.outcome,
    reason: ending.reason,
    reconnects: Math.max(0, view.connections - live.connectionsAtStart - 1),
    heldSeconds,
    releasedBy: ending.releasedBy,
    transcripts: null,
  };
}

/** Saves the session's transcripts (if asked to), then adds its record with them to the store. */
async function writeRecord(
  deps: HistoryRecorderDeps,
  live: Live,
  record: HistoryRecord,
): Promise<void> {
  const transcripts = await saveTranscripts(deps, live.view, live.startedAt);
  await deps.store.add({ ...record, transcripts });
}

/** Saves the session's transcripts when the recorder was asked to; a failure only loses them. */
async function saveTranscripts(
  deps: HistoryRecorderDeps,
  view: SessionView,
  startedAt: number,
): Promise<TranscriptFiles | null> {
  if (deps.saveTranscripts === undefined) return null;
  try {
    return await deps.saveTranscripts(view, startedAt);
  } catch (error) {
    deps.logger.log('error', 'could not save a transcript', { error: String(error) });
    return null;
  }
}

interface Ending {
  readonly outcome: HistoryRecord['outcome'];
  readonly reason: string;
  readonly releasedBy: ReleasedBy | null;
}
