/**
 * The seam for the hold feature (issue 7): it watches a session's job log and input and says
 * whether this terminal is holding the finished job open. The terminal core only shows what it
 * says (the 'held' state) and routes Keep/Release; it decides nothing about holds itself. Its
 * notifications reach the service as one stream for all sessions (the `holdNotifications` option),
 * so they can be throttled across sessions.
 */
import type { HoldInfo } from '../../../shared/models';
import type { Unsubscribe } from '../services';
import type { TraceUpdate } from '../job-log/trace-follower';

/** What the hold feature may see of one session. */
export interface HoldSubject {
  readonly sessionId: string;
  readonly accountId: string;
  readonly jobId: number;
  readonly jobName: string;
  readonly projectPath: string;
  /** The job log as it grows; while subscribed, the log is polled whenever the session is open. */
  onTrace(listener: (update: TraceUpdate) => void): Unsubscribe;
  /** Epoch ms of the last keystroke or paste, null before any. */
  lastInputAt(): number | null;
  /** A socket of ours is open to the job right now (only then can this tab hold it). */
  connected(): boolean;
  /** Close(1000) so the job finishes (e.g. an auto-release policy); the tab keeps the reason. */
  release(): void;
}

/** The hold feature's view of one session. */
export interface SessionHold {
  /** Non-null while this session's terminal holds the finished job open. */
  current(): HoldInfo | null;
  /** The user chose Keep: no further reminders. */
  keep(): void;
  /** The session connected, dropped or closed (re-read `subject.connected()`). */
  sessionChanged(): void;
  onChange(listener: () => void): Unsubscribe;
  dispose(): void;
}

/** Creates the hold tracking for a new session; absent until the hold feature exists. */
export type HoldTracker = (subject: HoldSubject) => SessionHold;
