/**
 * Plugs one session into the hold feature (issue 7): what the feature may see of the session, and
 * its changes forwarded as session changes. The feature's notifications reach the service through
 * its own stream (the `holdNotifications` option), never through the session.
 */
import type { Unsubscribe } from '../services';
import type { SessionHold } from './hold-seam';
import type { SessionEnv, SessionTarget } from '../terminal/session-env';
import type { TraceUpdate } from '../job-log/trace-follower';

/** The parts of a session the hold feature looks at. */
export interface HoldSource {
  readonly sessionId: string;
  readonly target: SessionTarget;
  onTrace(listener: (update: TraceUpdate) => void): Unsubscribe;
  lastInputAt(): number | null;
  /** A socket of the session is open to the job right now. */
  connected(): boolean;
  release(): void;
}

/** The session's hold tracking, or null when the app runs without the hold feature. */
export function attachHold(env: SessionEnv, source: HoldSource): SessionHold | null {
  const tracker = env.holdTracker;
  if (tracker === undefined) return null;
  const { target } = source;
  const hold = tracker({
    sessionId: source.sessionId,
    accountId: target.accountId,
    jobId: target.jobId,
    jobName: target.jobName,
    projectPath: target.projectPath,
    onTrace: (listener) => source.onTrace(listener),
    lastInputAt: () => source.lastInputAt(),
    connected: () => source.connected(),
    release: () => {
      source.release();
    },
  });
  hold.onChange(() => {
    env.changed();
  });
  return hold;
}
