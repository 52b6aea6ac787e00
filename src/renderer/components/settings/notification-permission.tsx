import { useState } from 'react';
import {
  askForWebNotifications,
  webNotificationPermission,
  type WebNotificationPermission,
} from '../../web/web-notifications';

/** Browser mode: whether the browser lets Jobshell notify, and the way to allow it. */
export function NotificationPermission() {
  const [permission, setPermission] =
    useState<WebNotificationPermission>(webNotificationPermission);
  switch (permission) {
    case 'granted':
      return (
        <p className="muted settings-note">The browser allows notifications from this page.</p>
      );
    case 'denied':
      return (
        <p className="field-error settings-note" role="status">
          The browser blocks notifications from this page, so held-open alerts appear only inside
          Jobshell. Allow them in the browser’s site settings (the icon left of the address).
        </p>
      );
    case 'unsupported':
      return (
        <p className="muted settings-note">
          This browser offers no notifications here; held-open alerts appear inside Jobshell.
        </p>
      );
    case 'default':
      return (
        <p className="settings-note">
          <button
            type="button"
            onClick={() => {
              void askForWebNotifications().then(setPermission);
            }}
          >
            Allow browser notifications
          </button>
        </p>
      );
  }
}
