/**
 * The core's one model of each job's terminal (issue 12): derived from the sessions, published
 * as a versioned snapshot, and the owner of every held-open alert's lifetime. An alert (toast, OS
 * notification, tray entry) lives exactly as long as the hold it announced: it is withdrawn when
 * the hold ends for any reason (released, canceled, timed out, finished, account removed, tab
 * closed) and replaced by its reminder. Actions on an alert whose hold has ended do nothing and
 * say why.
 */
import { createEmitter, type Unsubscribe } from '../../../shared/event-emitter';
import {
  jobTerminalView,
  type JobTerminalAlert,
  type JobTerminalsSnapshot,
  type JobTerminalView,
} from '../../../shared/job-terminal';
import type {
  AppNotification,
  NotificationAction,
  NotificationOutcome,
  SessionView,
} from '../../../shared/models';
import type { Notifier } from '../ports';
import { alertGoneMessage } from './alert-words';

/** Hold alerts: the kinds whose lifetime is the hold's. */
const HOLD_KINDS: ReadonlySet<AppNotification['kind']> = new Set([
  'held-idle',
  'hold-reminder',
  'summary',
]);

interface LiveAlert {
  readonly alert: JobTerminalAlert;
  /** The sessions it speaks for (one, or several for a burst summary). */
  readonly sessionIds: readonly string[];
  /** A session update showed the hold after the alert: a later "not held" means it ended. */
  confirmed: boolean;
}

export interface JobTerminalModel {
  snapshot(): JobTerminalsSnapshot;
  /** The sessions changed (the terminal service's coalesced list). */
  update(sessions: readonly SessionView[]): void;
  /** A hold notification arrived; false when its hold already ended (do not show it). */
  alert(notification: AppNotification): boolean;
  /** Null when the action may go ahead; otherwise why it does nothing. */
  refuse(notificationId: string, action: NotificationAction): NotificationOutcome | null;
  onChange(listener: (snapshot: JobTerminalsSnapshot) => void): Unsubscribe;
  dispose(): void;
}

/** Creates the model; `notifier.close` withdraws OS notifications whose hold ended. */
export function createJobTerminalModel(notifier: Pick<Notifier, 'close'>): JobTerminalModel {
  const events = createEmitter<{ change: JobTerminalsSnapshot }>();
  let sessions: readonly SessionView[] = [];
  let alerts: LiveAlert[] = [];
  /**
   * Recently withdrawn alerts and their sessions: a late action is told what ended the hold, read
   * when it arrives (a hold may be withdrawn while the socket is still closing, before the reason).
   */
  const gone = new Map<string, readonly string[]>();
  let snapshot: JobTerminalsSnapshot = { version: 0, jobs: [] };
  let publishedText = '[]';

  const publish = (): void => {
    const alertOf = (sessionId: string): JobTerminalAlert | null =>
      alerts.find((a) => a.sessionIds.includes(sessionId))?.alert ?? null;
    const jobs: JobTerminalView[] = preferLive(sessions).map((s) =>
      jobTerminalView(s, alertOf(s.id)),
    );
    // Sessions change with every output flush (lastOutputAt); the model only when a state does.
    const text = JSON.stringify(jobs);
    if (text === publishedText) return;
    publishedText = text;
    snapshot = { version: snapshot.version + 1, jobs };
    events.emit('change', snapshot);
  };

  const withdraw = (live: LiveAlert): void => {
    notifier.close(live.alert.id);
    gone.set(live.alert.id, live.sessionIds);
    if (gone.size > MAX_REMEMBERED) gone.delete(gone.keys().next().value as string);
  };

  const stillHeld = (live: LiveAlert): boolean =>
    live.sessionIds.some((id) => {
      const session = sessions.find((s) => s.id === id);
      if (session === undefined) return false;
      const kind = session.state.kind;
      if (kind === 'held') return true;
      // Before the first update showing the hold, "open" is the alert outrunning the list.
      return !live.confirmed && (kind === 'open' || kind === 'connecting');
    });

  return {
    snapshot: () => snapshot,
    update: (next) => {
      sessions = next;
      const kept: LiveAlert[] = [];
      for (const live of alerts) {
        if (stillHeld(live)) {
          live.confirmed ||= live.sessionIds.some(
            (id) => next.find((s) => s.id === id)?.state.kind === 'held',
          );
          kept.push(live);
        } else {
          withdraw(live);
        }
      }
      alerts = kept;
      publish();
    },
    alert: (notification) => {
      if (!HOLD_KINDS.has(notification.kind)) return true;
      const sessionIds =
        notification.sessionId !== null
          ? [notification.sessionId]
          : sessions.filter((s) => s.state.kind === 'held').map((s) => s.id);
      const live: LiveAlert = {
        alert: { id: notification.id, kind: notification.kind },
        sessionIds,
        confirmed: false,
      };
      if (!stillHeld(live)) return false;
      // A reminder replaces the alert before it: one notification per hold on screen.
      for (const old of alerts.filter((a) => a.sessionIds.some((id) => sessionIds.includes(id)))) {
        withdraw(old);
      }
      alerts = [...alerts.filter((a) => !a.sessionIds.some((id) => sessionIds.includes(id))), live];
      publish();
      return true;
    },
    refuse: (notificationId, action) => refusal(notificationId, action, { alerts, gone, sessions }),
    onChange: (listener) => events.on('change', listener),
    dispose: () => {
      events.clear();
    },
  };
}

/** Null when an action on this alert may go ahead; otherwise why it does nothing. */
function refusal(
  notificationId: string,
  action: NotificationAction,
  known: {
    readonly alerts: readonly LiveAlert[];
    readonly gone: ReadonlyMap<string, readonly string[]>;
    readonly sessions: readonly SessionView[];
  },
): NotificationOutcome | null {
  const { alerts, gone, sessions } = known;
  if (action === 'focus') return null;
  if (alerts.some((a) => a.alert.id === notificationId)) return null;
  const sessionIds = gone.get(notificationId);
  // An older reminder of a hold that still lasts may still act on it.
  const held = (id: string): boolean => sessions.find((s) => s.id === id)?.state.kind === 'held';
  if (sessionIds?.some(held) === true) return null;
  return {
    applied: false,
    message:
      sessionIds === undefined
        ? 'This alert is out of date: its hold has already ended.'
        : alertGoneMessage(sessionIds, sessions),
  };
}

/** Alerts whose ending is remembered for late actions; older ones were long dismissed. */
const MAX_REMEMBERED = 200;

/** One entry per job: a live session wins over an ended one of the same job. */
function preferLive(sessions: readonly SessionView[]): readonly SessionView[] {
  const byKey = new Map<string, SessionView>();
  for (const session of sessions) {
    const key = `${session.accountId}/${session.jobId}`;
    const existing = byKey.get(key);
    if (existing === undefined || existing.state.kind === 'closed') byKey.set(key, session);
  }
  return [...byKey.values()];
}
