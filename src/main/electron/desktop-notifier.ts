/** Desktop notifications for the core's alerts; actions and clicks go back through the core. */
import { Notification } from 'electron';
import type { AppNotification, NotificationAction } from '../../shared/models';
import { notificationText, type Notifier } from '../core';

const ACTION_LABELS: Readonly<Record<NotificationAction, string>> = {
  release: 'Release',
  keep: 'Keep',
  focus: 'Show',
};

export interface DesktopNotifierDeps {
  /** The user pressed an action button, or clicked the notification ('focus'). */
  readonly onAction: (notification: AppNotification, action: NotificationAction) => void;
}

/** Shows notifications with Electron; keeps them referenced so their events still fire. */
export function createDesktopNotifier(deps: DesktopNotifierDeps): Notifier {
  const shown = new Map<string, Notification>();
  return {
    show: (notification) => {
      if (!Notification.isSupported()) return;
      shown.get(notification.id)?.close();
      // Buttons other than the default click exist on macOS and Windows; Linux gets the click.
      const buttons = notification.actions.filter((a) => a !== 'focus');
      const native = new Notification({
        title: notificationText(notification.title, process.platform, 120),
        body: notificationText(notification.body, process.platform),
        actions: buttons.map((a) => ({ type: 'button' as const, text: ACTION_LABELS[a] })),
      });
      native.on('click', () => {
        deps.onAction(notification, 'focus');
      });
      native.on('action', (_event, index) => {
        const action = buttons[index];
        if (action !== undefined) deps.onAction(notification, action);
      });
      native.on('close', () => shown.delete(notification.id));
      shown.set(notification.id, native);
      native.show();
    },
    close: (id) => {
      shown.get(id)?.close();
      shown.delete(id);
    },
  };
}
