import { useEffect, useRef } from 'react';
import { useApp, useAppState } from '../hooks/app-context';
import { useNow } from '../terminal/workspace/use-now';
import { applyBadge } from './apply-badge';
import { badgeOf } from './document-badge';
import { holdAlerts } from '../components/notifications/hold-alerts';
import {
  askForWebNotifications,
  showWebNotification,
  withdrawWebNotifications,
} from './web-notifications';

const NONE_DISMISSED: ReadonlySet<string> = new Set();

/**
 * What makes browser mode behave like a web app rather than a desktop window in a tab: held-open
 * alerts as page notifications, and the title and favicon as a badge. Nothing in Electron, which
 * has OS notifications and a tray.
 */
export function useWebApp(): void {
  const { bridge, store } = useApp();
  const browser = bridge.kind === 'browser';
  const sessions = useAppState((s) => s.sessions);
  const notificationsOn = useAppState((s) => s.settings?.notifications ?? true);
  const jobTerminals = useAppState((s) => s.jobTerminals);
  const held = sessions.some((s) => s.state.kind === 'held');
  const now = useNow(browser && held);
  const asked = useRef(false);

  useEffect(() => {
    if (browser) applyBadge(badgeOf(sessions, now));
  }, [browser, sessions, now]);

  // First need: the first terminal (its hold is what the alert will be about).
  useEffect(() => {
    if (!browser || !notificationsOn || asked.current || sessions.length === 0) return;
    asked.current = true;
    void askForWebNotifications();
  }, [browser, notificationsOn, sessions.length]);

  // One model, every surface: an alert whose hold ended leaves the browser's notifications too.
  useEffect(() => {
    if (!browser) return;
    withdrawWebNotifications(new Set(holdAlerts(jobTerminals, NONE_DISMISSED).map((a) => a.id)));
  }, [browser, jobTerminals]);

  useEffect(() => {
    if (!browser || !notificationsOn) return;
    return bridge.on('notification', (notification) => {
      showWebNotification(notification, (clicked) => {
        if (clicked.sessionId !== null) store.setActiveSession(clicked.sessionId);
      });
    });
  }, [bridge, browser, notificationsOn, store]);
}
