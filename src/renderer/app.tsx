import { useMemo, useState } from 'react';
import type { Bridge } from './bridge/bridge';
import { EmptyAccounts } from './components/layout/empty-accounts';
import { Toasts } from './components/notifications/toasts';
import { SettingsDialog } from './components/settings/settings-dialog';
import { AppContext, useApp, useAppState } from './hooks/app-context';
import { useTheme } from './hooks/use-theme';
import { useVisibilityReporting } from './hooks/use-visibility';
import type { AppStore } from './stores/app-store';

/** The application frame: top bar, job list on the left, terminal tabs on the right. */
export function App({ bridge, store }: { readonly bridge: Bridge; readonly store: AppStore }) {
  const context = useMemo(() => ({ bridge, store }), [bridge, store]);
  return (
    <AppContext.Provider value={context}>
      <Frame />
    </AppContext.Provider>
  );
}

function Frame() {
  const settings = useAppState((s) => s.settings);
  const accounts = useAppState((s) => s.accounts);
  const disconnected = useAppState((s) => s.disconnected);
  const [dialog, setDialog] = useState<'settings' | 'add-account' | null>(null);
  const { bridge } = useApp();
  useTheme(settings?.theme ?? 'system');
  useVisibilityReporting(bridge);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span aria-hidden="true" className="brand-mark">
            &gt;_
          </span>
          Jobshell
        </div>
        <div className="spacer" />
        <button onClick={() => setDialog('settings')} aria-label="Settings" title="Settings">
          ⚙ Settings
        </button>
      </header>
      {disconnected && (
        <div className="banner" role="alert">
          Lost the connection to Jobshell’s core. Restart it and reload this page.
        </div>
      )}
      <div className="body">
        <aside className="sidebar" aria-label="Running jobs">
          {accounts.length === 0 ? <EmptyAccounts onAdd={() => setDialog('add-account')} /> : null}
        </aside>
        <main className="workspace">
          <div className="tab-strip" role="tablist" aria-label="Terminals">
            <span className="no-tabs">No terminals open</span>
          </div>
          <div className="empty-state">
            <h2>Open a terminal</h2>
            <p>
              Pick a running job on the left, or paste a job URL, to open its interactive web
              terminal here.
            </p>
          </div>
        </main>
      </div>
      {dialog === 'settings' && settings !== null && (
        <SettingsDialog settings={settings} onClose={() => setDialog(null)} />
      )}
      <Toasts />
    </div>
  );
}
