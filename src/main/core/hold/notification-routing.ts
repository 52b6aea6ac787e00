/** Which session a notification's actions (release, keep, focus) apply to, and carrying them out. */
import { assertNever } from '../../../shared/assert-never';
import type { AppNotification, NotificationAction } from '../../../shared/models';
import type { Logger } from '../ports';

/** Notification ids remembered for their actions; older ones have long been dismissed. */
const MAX_TRACKED_NOTIFICATIONS = 200;

/** What each notification action does to its session. */
export type NotificationHandlers = Readonly<
  Record<NotificationAction, (sessionId: string) => void>
>;

/** Remembers the session of recent notifications and routes their actions to it. */
export class NotificationRouter {
  readonly #sessions = new Map<string, string>();

  constructor(
    private readonly logger: Logger,
    private readonly handlers: NotificationHandlers,
  ) {}

  /** Remembers which session the notification's actions apply to (if any). */
  remember(notification: AppNotification): void {
    if (notification.sessionId === null) return;
    this.#sessions.set(notification.id, notification.sessionId);
    if (this.#sessions.size > MAX_TRACKED_NOTIFICATIONS) {
      const oldest = this.#sessions.keys().next();
      if (oldest.done !== true) this.#sessions.delete(oldest.value);
    }
  }

  /** Carries out an action the user chose on a notification; an unknown one is logged. */
  act(notificationId: string, action: NotificationAction): void {
    const sessionId = this.#sessions.get(notificationId);
    if (sessionId === undefined) {
      this.logger.log('debug', 'notification action for an unknown notification ignored', {
        notificationId,
        action,
      });
      return;
    }
    switch (action) {
      case 'release':
        this.handlers.release(sessionId);
        return;
      case 'keep':
        this.handlers.keep(sessionId);
        return;
      case 'focus':
        this.handlers.focus(sessionId);
        return;
      default:
        assertNever(action, 'notification action');
    }
  }
}
