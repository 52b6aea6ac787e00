import { useMemo, useState } from 'react';
import type { Bridge } from './bridge/bridge';
import { AccountsPanel } from './components/accounts/accounts-panel';
import { AddAccountDialog } from './components/accounts/add-account-dialog';
import { JobList } from './components/jobs/job-list';
import { OpenUrlBox } from './components/jobs/open-url-box';
import { HistoryView } from './components/history/history-view';
import { EmptyAccounts } from './components/layout/empty-accounts';
import { TerminalWorkspace } from './terminal/workspace/terminal-workspace';
import { Toasts } from './components/notifications/toasts';
import { SettingsDialog } from './components/settings/settings-dialog';
import { ShortcutsSheet } from './components/help/shortcuts-sheet';
import { AppContext, useApp, useAppState } from './hooks/app-context';
import { useTheme } from './hooks/use-theme';
import { useVisibilityReporting } from './hooks/use-visibility';
import { useWebApp } from './web/use-web-app';
import type { AppStore } from './stores/app-store';
import { terminalManagerFor } from './terminal/xterm/terminal-manager';

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
  const [dialog, setDialog] = useState<'settings' | 'add-account' | 'shortcuts' | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const { bridge, store } = useApp();
  const closeDialog = (): void => {
    setDialog(null);
    // Settings → Done (or Cancel): the keyboard goes back to the terminal in front (issue 12).
    const active = store.getState().activeSessionId;
    if (active !== null) terminalManagerFor(bridge, store).focus(active);
  };
  useTheme(settings?.theme ?? 'system');
  useVisibilityReporting(bridge);
  useWebApp();

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span aria-hidden="true" className="brand-mark">
            &gt;_
          </span>
          Jobshell
        </div>
        {accounts.length > 0 && <OpenUrlBox />}
        <div className="spacer" />
        <button
          onClick={() => setHistoryOpen((open) => !open)}
          aria-pressed={historyOpen}
          title="Every terminal session: how it ended, runner time held"
        >
          History
        </button>
        <button
          onClick={() => setDialog('shortcuts')}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (F1)"
        >
          ?
        </button>
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
          {accounts.length === 0 ? (
            <EmptyAccounts onAdd={() => setDialog('add-account')} />
          ) : (
            <>
              <AccountsPanel onAdd={() => setDialog('add-account')} />
              <JobList />
            </>
          )}
        </aside>
        <main className="workspace">
          <TerminalWorkspace onHelp={() => setDialog('shortcuts')} />
        </main>
      </div>
      {historyOpen && <HistoryView onClose={() => setHistoryOpen(false)} />}
      {dialog === 'add-account' && <AddAccountDialog onClose={closeDialog} />}
      {dialog === 'settings' && settings !== null && (
        <SettingsDialog settings={settings} onClose={closeDialog} />
      )}
      {dialog === 'shortcuts' && <ShortcutsSheet onClose={closeDialog} />}
      <Toasts />
    </div>
  );
}
