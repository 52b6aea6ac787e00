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
  let start: HoldStart | null = null;
  let ended = false;
  let kept = false;
  let scriptResult: HoldInfo['scriptResult'] = null;
  let alerted = false;
  const remindersSent = new Set<number>();
  let timer: TimerHandle | null = null;
  let last: HoldInfo | null = null;

  const idleSince = (): number => subject.lastInputAt() ?? Number.NEGATIVE_INFINITY;
  const idleThresholdMs = (): number => deps.settings().idleThresholdS * 1000;
  const isIdle = (now: number): boolean => now - idleSince() >= idleThresholdMs();
  /** When the hold began, from its deadline and length. */
  const holdBegan = (hold: HoldInfo): number => hold.deadline - hold.timeoutS * 1000;
  const autoReleaseAt = (hold: HoldInfo): number | null => {
    const minutes = deps.settings().autoReleaseMinutes;
    return minutes === null ? null : Math.max(idleSince(), holdBegan(hold)) + minutes * 60_000;
  };

  const current = (): HoldInfo | null => {
    if (start === null || ended || !subject.connected()) return null;
    return {
      deadline: start.deadline,
      timeoutS: start.timeoutS,
      idle: isIdle(clock.now()),
      kept,
      scriptResult,
    };
  };

  const send = (kind: AppNotification['kind'], hold: HoldInfo, now: number): void => {
    const left = formatRemaining(hold.deadline - now);
    notify({
      id: `${kind}:${subject.sessionId}:${left}`,
      kind,
      title:
        kind === 'held-idle'
          ? `${subject.jobName} is held open by your terminal`
          : `${left} left: ${subject.jobName} is still held open`,
      body: `${heldSentence(subject.jobName, hold, now)} (${subject.projectPath})`,
      sessionId: subject.sessionId,
      actions: ['release', 'keep', 'focus'],
    });
  };

  /** Alerts once when the hold turns idle, then one reminder per threshold crossed later. */
  const alertIfDue = (hold: HoldInfo, now: number): void => {
    const crossed = REMINDERS_BEFORE_DEADLINE_MS.filter(
      (before) => hold.deadline - now <= before && !remindersSent.has(before),
    );
    for (const before of crossed) remindersSent.add(before);
    if (!alerted) {
      alerted = true;
      send('held-idle', hold, now);
    } else if (crossed.length > 0 && hold.deadline > now) {
      send('hold-reminder', hold, now);
    }
  };

  /** Re-evaluates everything and schedules the next moment anything can change. */
  const evaluate = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const now = clock.now();
    const hold = current();
    if (hold !== null && hold.idle && !kept) {
      alertIfDue(hold, now);
      const releaseAt = autoReleaseAt(hold);
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
    const next = nextWake(hold, now);
    if (next !== null) timer = clock.setTimeout(evaluate, next - now);
  };

  const nextWake = (hold: HoldInfo | null, now: number): number | null => {
    if (hold === null || kept) return null;
    const candidates = [
      hold.deadline,
      idleSince() + idleThresholdMs(),
      ...REMINDERS_BEFORE_DEADLINE_MS.filter((before) => !remindersSent.has(before)).map(
        (before) => hold.deadline - before,
      ),
      autoReleaseAt(hold) ?? Number.POSITIVE_INFINITY,
    ].filter((t) => t > now && Number.isFinite(t));
    return candidates.length === 0 ? null : Math.min(...candidates);
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
