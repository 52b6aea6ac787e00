import type { AppNotification, NotificationAction } from '../../../shared/models';
import { useApp, useAppState } from '../../hooks/app-context';
import { countdownUrgency } from '../../terminal/workspace/countdown';
import { useNow } from '../../terminal/workspace/use-now';
import { alertLines, alertTitle, holdAlerts, type HoldAlertView } from './hold-alerts';

const ACTION_LABELS: Readonly<Record<NotificationAction, string>> = {
  release: 'Release',
  keep: 'Keep',
  focus: 'Show',
};

/**
 * In-app notifications: how browser mode shows what Electron shows as desktop notifications.
 * Held-open alerts are a view of the job terminal model (live countdown, gone when the hold
 * ends); other notices are kept until dismissed.
 */
export function Toasts() {
  const { bridge, store } = useApp();
  const toasts = useAppState((s) => s.toasts);
  const snapshot = useAppState((s) => s.jobTerminals);
  const dismissed = useAppState((s) => s.dismissedAlerts);
  const alerts = holdAlerts(snapshot, dismissed);
  const now = useNow(alerts.length > 0);

  const act = (id: string, sessionId: string | null, action: NotificationAction): void => {
    store.dismissToast(id);
    if (action === 'focus' && sessionId !== null) store.setActiveSession(sessionId);
    bridge.request('notifications.act', { notificationId: id, action }).then(
      (outcome) => {
        if (!outcome.applied && outcome.message !== null) {
          store.showNotice('Nothing to do', outcome.message);
        }
      },
      () => undefined,
    );
  };

  return (
    <div className="toasts" aria-live="polite">
      {alerts.map((alert) => (
        <HoldToast key={alert.id} alert={alert} now={now} act={act} />
      ))}
      {toasts.map((toast) => (
        <NoticeToast key={toast.id} toast={toast} act={act} />
      ))}
    </div>
  );
}

type Act = (id: string, sessionId: string | null, action: NotificationAction) => void;

function HoldToast(props: {
  readonly alert: HoldAlertView;
  readonly now: number;
  readonly act: Act;
}) {
  const { alert, now, act } = props;
  const { store } = useApp();
  const first = alert.jobs[0];
  const sessionId = first?.view.sessionId ?? null;
  const soonest = Math.min(...alert.jobs.map((j) => j.deadline));
  const single = alert.jobs.length === 1 && !alert.summary;
  const actions: readonly NotificationAction[] = single ? ['release', 'keep', 'focus'] : ['focus'];
  return (
    <div
      className={`toast toast-held-idle urgency-${countdownUrgency(soonest - now)}`}
      role="status"
      data-alert={alert.id}
    >
      <strong>{alertTitle(alert)}</strong>
      {alertLines(alert, now).map((line, index) => (
        <p key={alert.jobs[index]?.view.key ?? index}>{line}</p>
      ))}
      <div className="toast-actions">
        {actions.map((action) => (
          <button
            key={action}
            className={action === 'release' ? 'primary' : ''}
            onClick={() => act(alert.id, sessionId, action)}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
        <button onClick={() => store.dismissToast(alert.id)} aria-label="Dismiss">
          ×
        </button>
      </div>
    </div>
  );
}

function NoticeToast(props: { readonly toast: AppNotification; readonly act: Act }) {
  const { toast, act } = props;
  const { store } = useApp();
  return (
    <div className={`toast toast-${toast.kind}`} role="status">
      <strong>{toast.title}</strong>
      <p>{toast.body}</p>
      <div className="toast-actions">
        {toast.actions.map((action) => (
          <button
            key={action}
            className={action === 'release' ? 'primary' : ''}
            onClick={() => act(toast.id, toast.sessionId, action)}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
        <button onClick={() => store.dismissToast(toast.id)} aria-label="Dismiss">
          ×
        </button>
      </div>
    </div>
  );
}
