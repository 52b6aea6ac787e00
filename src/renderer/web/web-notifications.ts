/**
 * Browser mode's held-open alerts through the Web Notifications API, so they reach the user when
 * the page is in a background tab. The in-app toast stays either way (it carries Release and
 * Keep, which a page notification cannot); without permission the toast is all there is.
 * Permission is asked on first need: when the first terminal opens (the alert is about it).
 */
import type { AppNotification } from '../../shared/models';

/** Kinds worth interrupting the user outside the page for. */
const WEB_NOTIFIED: ReadonlySet<AppNotification['kind']> = new Set(['held-idle', 'hold-reminder']);

export type WebNotificationPermission = 'granted' | 'denied' | 'default' | 'unsupported';

/** The page's notification permission, or 'unsupported' (insecure origin, old browser). */
export function webNotificationPermission(): WebNotificationPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks once, if the browser has not been asked yet; resolves to the answer. */
export async function askForWebNotifications(): Promise<WebNotificationPermission> {
  const current = webNotificationPermission();
  if (current !== 'default') return current;
  try {
    return await Notification.requestPermission();
  } catch {
    // Old Safari: callback form only, and no answer here means no permission.
    return webNotificationPermission();
  }
}

/** Page notifications on screen, by alert id (the core's notification id), to withdraw them. */
const shownById = new Map<string, Notification>();

/**
 * Closes every page notification whose alert is no longer live in the job terminal model (the
 * hold was released, timed out, canceled, …), as the desktop app closes its OS notification.
 */
export function withdrawWebNotifications(liveAlertIds: ReadonlySet<string>): void {
  for (const [id, shown] of shownById) {
    if (liveAlertIds.has(id)) continue;
    shownById.delete(id);
    shown.close();
  }
}

/** Shows `notification` as a page notification when it is an alert and allowed; returns whether. */
export function showWebNotification(
  notification: AppNotification,
  onClick: (notification: AppNotification) => void,
): boolean {
  if (!WEB_NOTIFIED.has(notification.kind)) return false;
  if (webNotificationPermission() !== 'granted') return false;
  try {
    const shown = new Notification(notification.title, {
      body: notification.body,
      // One notification per alert: a reminder replaces the earlier one of the same session.
      tag: notification.sessionId ?? notification.id,
      icon: './favicon.svg',
    });
    shown.onclick = () => {
      window.focus();
      shown.close();
      onClick(notification);
    };
    shownById.set(notification.id, shown);
    return true;
  } catch {
    // Chrome on Android allows notifications only from a service worker: the toast remains.
    return false;
  }
}
