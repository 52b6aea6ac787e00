import type { AppNotification, NotificationAction } from '../../../shared/models';
import { useApp, useAppState } from '../../hooks/app-context';

const ACTION_LABELS: Readonly<Record<NotificationAction, string>> = {
  release: 'Release',
  keep: 'Keep',
  focus: 'Show',
};

/** In-app notifications: how browser mode shows what Electron shows as desktop notifications. */
export function Toasts() {
  const { bridge, store } = useApp();
  const toasts = useAppState((s) => s.toasts);
  const act = (toast: AppNotification, action: NotificationAction): void => {
    store.dismissToast(toast.id);
    if (action === 'focus' && toast.sessionId !== null) store.setActiveSession(toast.sessionId);
    void bridge
      .request('notifications.act', { notificationId: toast.id, action })
      .catch(() => undefined);
  };
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role="status">
          <strong>{toast.title}</strong>
          <p>{toast.body}</p>
          <div className="toast-actions">
            {toast.actions.map((action) => (
              <button
                key={action}
                className={action === 'release' ? 'primary' : ''}
                onClick={() => act(toast, action)}
              >
                {ACTION_LABELS[action]}
              </button>
            ))}
            <button onClick={() => store.dismissToast(toast.id)} aria-label="Dismiss">
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
