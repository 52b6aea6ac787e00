/**
 * The terminal service's one stream of notifications: the hold feature's alerts and the notice
 * that GitLab names another address for an account's jobs. The router remembers which session
 * each notification speaks for, so its actions (release, keep, focus) reach that session.
 */
import type { AppNotification, NotificationAction } from '../../../shared/models';
import { NotificationRouter } from '../hold/notification-routing';
import type { Logger } from '../ports';
import type { AccountConnection, Unsubscribe } from '../services';
import { foreignAddressNotification } from './address-notice';

export interface TerminalNoticesDeps {
  readonly logger: Logger;
  readonly release: (sessionId: string) => void;
  readonly keep: (sessionId: string) => void;
  /** Brings a session that still exists to the front. */
  readonly focus: (sessionId: string) => void;
  /** Hands a notification on to the service's listeners. */
  readonly publish: (notification: AppNotification) => void;
  readonly holdNotifications?: (listener: (notification: AppNotification) => void) => Unsubscribe;
}

/** Property signatures (not methods): each is handed around unbound. */
export interface TerminalNotices {
  /** GitLab named an address outside the account's: told once per account and run. */
  readonly foreignAddress: (connection: AccountConnection, notice: string) => void;
  readonly act: (notificationId: string, action: NotificationAction) => void;
  readonly dispose: () => void;
}

export function createTerminalNotices(deps: TerminalNoticesDeps): TerminalNotices {
  const router = new NotificationRouter(deps.logger, {
    release: deps.release,
    keep: deps.keep,
    focus: deps.focus,
  });

  /** Remembers which session a notification's actions apply to, and passes it on. */
  const notify = (notification: AppNotification): void => {
    router.remember(notification);
    deps.publish(notification);
  };
  const stopHoldNotifications = deps.holdNotifications?.(notify) ?? null;
  const toldForeign = new Set<string>();

  return {
    foreignAddress: (connection, notice) => {
      if (toldForeign.has(connection.accountId)) return;
      toldForeign.add(connection.accountId);
      deps.logger.log('warn', 'job web_url outside the account address', {
        accountId: connection.accountId,
      });
      notify(foreignAddressNotification(connection.accountId, notice));
    },
    act: (notificationId, action) => {
      router.act(notificationId, action);
    },
    dispose: () => {
      stopHoldNotifications?.();
    },
  };
}
