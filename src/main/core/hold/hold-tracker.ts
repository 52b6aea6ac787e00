/**
 * The hold feature (product C6, B3): notices when this terminal is what keeps a finished job
 * running (the runner waits for it up to session_timeout, docs/gitlab-terminal-protocol.md §5.4), says so once the user
 * has stopped typing, reminds at 5 and 1 minute left, and can release automatically (opt-in).
 */
import type { AppNotification, HoldInfo, Settings } from '../../../shared/models';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { Unsubscribe } from '../services';
import type { HoldSubject, HoldTracker, SessionHold } from './hold-seam';
import { lastTerminalLogEvent } from '../job-log/trace-lines';
import { formatRemaining, heldSentence } from './hold-text';
import { createNotificationThrottle } from './notification-throttle';
import { scriptResultFromLog } from './script-result';

/** Reminders before the runner ends the session: late enough to matter, early enough to act. */
export const REMINDERS_BEFORE_DEADLINE_MS = [5 * 60_000, 60_000] as const;

export interface HoldTrackerDeps {
  readonly clock: Clock;
  readonly settings: () => Settings;
  readonly logger: Logger;
}

export interface HoldFeature {
  readonly tracker: HoldTracker;
  /** Every notification the feature lets through (after burst throttling). */
  readonly onNotification: (listener: (notification: AppNotification) => void) => Unsubscribe;
  readonly dispose: () => void;
}

interface HoldStart {
  readonly deadline: number;
  readonly timeoutS: number;
}

/** Creates the hold feature; its tracker is handed to the terminal service. */
export function createHoldFeature(deps: HoldTrackerDeps): HoldFeature {
  const listeners = new Set<(notification: AppNotification) => void>();
  const throttle = createNotificationThrottle(deps.clock, (notification) => {
    for (const listener of listeners) listener(notification);
  });
  const tracker: HoldTracker = (subject) => trackSession(subject, deps, (n) => throttle.push(n));
  return {
    tracker,
    onNotification: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      throttle.dispose();
    },
  };
}

function trackSession(
  subject: HoldSubject,
  deps: HoldTrackerDeps,
  notify: (n: AppNotification) => void,
): SessionHold {
  const { clock } = deps;
  const changeListeners = new Set<() => void>();
  const times = holdTimes(subject, deps.settings);
  const alerts: AlertState = { alerted: false, remindersSent: new Set<number>() };
  let start: HoldStart | null = null;
  let ended = false;
  let kept = false;
  let scriptResult: HoldInfo['scriptResult'] = null;
  let timer: TimerHandle | null = null;
  let last: HoldInfo | null = null;

  const current = (): HoldInfo | null => {
    if (start === null || ended || !subject.connected()) return null;
    const { deadline, timeoutS } = start;
    return { deadline, timeoutS, idle: times.isIdle(clock.now()), kept, scriptResult };
  };

  /** Re-evaluates everything and schedules the next moment anything can change. */
  const evaluate = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const now = clock.now();
    const hold = current();
    if (hold !== null && hold.idle && !kept) {
      const due = alertDue(alerts, hold, now);
      if (due !== null) notify(holdNotification(due, subject, hold, now));
      const releaseAt = times.autoReleaseAt(hold);
      if (releaseAt !== null && now >= releaseAt) {
        deps.logger.log('info', 'releasing an idle held job (auto-release policy)', {
          sessionId: subject.sessionId,
          jobId: subject.jobId,
        });
        subject.release();
        return;
      }
    }
    if (!sameHold(hold, last)) {
      last = hold;
      for (const listener of changeListeners) listener();
    }
    const next = kept ? null : nextWake(hold, now, times, alerts.remindersSent);
    if (next !== null) timer = clock.setTimeout(evaluate, next - now);
  };

  const unsubscribeTrace = subject.onTrace((update) => {
    const event = lastTerminalLogEvent(update.log);
    scriptResult = scriptResultFromLog(update.log);
    if (event?.kind === 'hold-started' && start === null) {
      const seenAt = event.at === null ? Number.NaN : Date.parse(event.at);
      const began = Number.isFinite(seenAt) ? seenAt : clock.now();
      start = { deadline: began + event.timeoutS * 1000, timeoutS: event.timeoutS };
    } else if (event !== null && event.kind !== 'hold-started' && start !== null) {
      ended = true;
    }
    evaluate();
  });

  return {
    current,
    keep: () => {
      kept = true;
      evaluate();
    },
    sessionChanged: evaluate,
    onChange: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    dispose: () => {
      unsubscribeTrace();
      if (timer !== null) clock.clearTimeout(timer);
      changeListeners.clear();
    },
  };
}

/** Which alerts a session's hold has had. */
interface AlertState {
  alerted: boolean;
  readonly remindersSent: Set<number>;
}

/** The user's idle threshold and auto-release policy, applied to this session's last keystroke. */
interface HoldTimes {
  readonly idleAt: () => number;
  readonly isIdle: (now: number) => boolean;
  readonly autoReleaseAt: (hold: HoldInfo) => number | null;
}

function holdTimes(subject: HoldSubject, settings: () => Settings): HoldTimes {
  const idleSince = (): number => subject.lastInputAt() ?? Number.NEGATIVE_INFINITY;
  const idleAt = (): number => idleSince() + settings().idleThresholdS * 1000;
  return {
    idleAt,
    isIdle: (now) => now >= idleAt(),
    autoReleaseAt: (hold) => {
      const minutes = settings().autoReleaseMinutes;
      // From the later of the last keystroke and the moment the hold began.
      const began = hold.deadline - hold.timeoutS * 1000;
      return minutes === null ? null : Math.max(idleSince(), began) + minutes * 60_000;
    },
  };
}

/** Alerts once when the hold turns idle, then one reminder per threshold crossed later. */
function alertDue(
  alerts: AlertState,
  hold: HoldInfo,
  now: number,
): 'held-idle' | 'hold-reminder' | null {
  const crossed = REMINDERS_BEFORE_DEADLINE_MS.filter(
    (before) => hold.deadline - now <= before && !alerts.remindersSent.has(before),
  );
  for (const before of crossed) alerts.remindersSent.add(before);
  if (!alerts.alerted) {
    alerts.alerted = true;
    return 'held-idle';
  }
  return crossed.length > 0 && hold.deadline > now ? 'hold-reminder' : null;
}

function holdNotification(
  kind: 'held-idle' | 'hold-reminder',
  subject: HoldSubject,
  hold: HoldInfo,
  now: number,
): AppNotification {
  const left = formatRemaining(hold.deadline - now);
  return {
    id: `${kind}:${subject.sessionId}:${left}`,
    kind,
    title:
      kind === 'held-idle'
        ? `${subject.jobName} is held open by your terminal`
        : `${left} left: ${subject.jobName} is still held open`,
    body: `${heldSentence(subject.jobName, hold, now)} (${subject.projectPath})`,
    sessionId: subject.sessionId,
    actions: ['release', 'keep', 'focus'],
  };
}

/** The next moment the hold's state can change by time alone (deadline, idle, reminder, release). */
function nextWake(
  hold: HoldInfo | null,
  now: number,
  times: HoldTimes,
  remindersSent: ReadonlySet<number>,
): number | null {
  if (hold === null) return null;
  const candidates = [
    hold.deadline,
    times.idleAt(),
    ...REMINDERS_BEFORE_DEADLINE_MS.filter((before) => !remindersSent.has(before)).map(
      (before) => hold.deadline - before,
    ),
    times.autoReleaseAt(hold) ?? Number.POSITIVE_INFINITY,
  ].filter((t) => t > now && Number.isFinite(t));
  return candidates.length === 0 ? null : Math.min(...candidates);
}

function sameHold(a: HoldInfo | null, b: HoldInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.deadline === b.deadline &&
    a.idle === b.idle &&
    a.kept === b.kept &&
    a.scriptResult === b.scriptResult &&
    a.timeoutS === b.timeoutS
  );
}
