import './terminal-pane.css';
import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../shared/models';
import { useApp, useAppState } from '../../hooks/app-context';
import { startSignIn } from '../../components/accounts/start-sign-in';
import type { TerminalManager } from '../xterm/terminal-manager';
import { BroadcastBanner } from '../../components/broadcast/broadcast-banner';
import { BroadcastMenu } from '../../components/broadcast/broadcast-menu';
import { useBroadcast } from '../../components/broadcast/use-broadcast';
import { RetryDialog } from '../../components/retry/retry-dialog';
import { openExternal } from '../../web/open-external';
import { LogPane } from '../log/log-pane';
import { SessionToolbar } from './session-toolbar';
import { SearchBar } from './search-bar';
import { SplitHandle } from './split-handle';
import { StateBar } from './state-bar';
import { StatusLine } from './status-line';
import type { TranscriptFormat } from './transcript-menu';
import { useTerminalInfo } from './use-terminal-info';
import { useSizeHint } from './use-size-hint';
import { userMessage } from '../../forms/contract-messages';

/** Keep a downloaded transcript's object URL alive long enough for the download to start. */
const REVOKE_DOWNLOAD_URL_MS = 60_000;

export interface PaneLayout {
  readonly searchOpen: boolean;
  readonly logOpen: boolean;
  readonly logWidth: number;
}

export interface PaneLayoutActions {
  readonly setSearchOpen: (open: boolean) => void;
  readonly setLogOpen: (open: boolean) => void;
  readonly setLogWidth: (width: number, done: boolean) => void;
}

/** One tab's page: toolbar, state bar, terminal (with search), optional log pane, status line. */
export function TerminalPane(props: {
  readonly session: SessionView;
  readonly active: boolean;
  readonly manager: TerminalManager;
  readonly accountColor: string;
  readonly now: number;
  readonly layout: PaneLayout;
  readonly layoutActions: PaneLayoutActions;
  /** Closes this tab (asking first when its shell is live). */
  readonly onCloseTab: () => void;
}) {
  const { session, active, manager, layout, layoutActions } = props;
  const sessionId = session.id;
  const { bridge } = useApp();
  const signedIn = useAppState(
    // Only an expired session needs signing in again (a token problem or being offline does not).
    (s) => s.accounts.find((a) => a.id === session.accountId)?.state !== 'session-expired',
  );
  const info = useTerminalInfo(manager, sessionId);
  const broadcast = useBroadcast();
  const sizeHint = useSizeHint(session, info);
  const slotRef = useRef<HTMLDivElement>(null);
  const splitRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const slot = slotRef.current;
    if (slot === null) return;
    return manager.attach(sessionId, slot);
  }, [manager, sessionId]);

  useEffect(() => {
    manager.setVisible(sessionId, active);
    if (active && !layout.searchOpen) manager.focus(sessionId);
    // Focus only when the tab comes to the front, not whenever the search bar closes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [manager, sessionId, active]);

  /** Runs an action started in this tab; the keyboard goes back to its terminal (issue 12). */
  const run = (what: string, action: () => Promise<unknown>): void => {
    manager.focus(sessionId);
    action().catch((e: unknown) => {
      manager.notice(sessionId, `${what} failed: ${userMessage(e)}`);
    });
  };
  const syncSize = (): void => {
    const size = { cols: info.cols, rows: info.rows };
    run('Sync size', async () => {
      await bridge.request('terminal.syncSize', { sessionId, ...size });
      sizeHint.synced(size);
    });
    manager.focus(sessionId);
  };
  const [retrying, setRetrying] = useState(false);
  const openInGitlab = (): void => {
    run('Opening the job', () => openExternal(bridge, session.webUrl));
  };
  const save = (format: TranscriptFormat): void => {
    run('Saving the transcript', async () => {
      const transcript = await bridge.request('terminal.transcript', { sessionId, format });
      download(transcript.filename, transcript.mimeType, transcript.content);
      manager.notice(sessionId, `Saved ${transcript.filename}.`);
    });
  };

  return (
    <section
      id={`pane-${sessionId}`}
      role="tabpanel"
      aria-labelledby={`tab-${sessionId}`}
      className={`terminal-pane${active ? '' : ' hidden'}`}
    >
      <SessionToolbar
        session={session}
        info={info}
        accountColor={props.accountColor}
        logOpen={layout.logOpen}
        extra={<BroadcastMenu session={session} />}
        actions={{
          syncSize,
          toggleLog: () => layoutActions.setLogOpen(!layout.logOpen),
          save,
          search: () => layoutActions.setSearchOpen(true),
          openInGitlab,
        }}
      />
      <StateBar
        session={session}
        now={props.now}
        onReconnect={() =>
          run('Reconnect', () => bridge.request('terminal.reconnect', { sessionId }))
        }
        onRelease={() => run('Release', () => bridge.request('terminal.release', { sessionId }))}
        onKeep={() => run('Keep', () => bridge.request('terminal.keep', { sessionId }))}
        signedIn={signedIn}
        ended={{
          'close-tab': props.onCloseTab,
          'view-log': () => layoutActions.setLogOpen(true),
          'open-in-gitlab': openInGitlab,
          retry: () => setRetrying(true),
          'sign-in': () => {
            startSignIn(session.accountId);
          },
        }}
      />
      <BroadcastBanner
        sessionId={sessionId}
        view={broadcast.view}
        onStop={() => run('Stop broadcasting', () => broadcast.store.set([]))}
      />
      <div className="terminal-split" ref={splitRef}>
        <div className="terminal-main">
          {layout.searchOpen && (
            <SearchBar
              manager={manager}
              sessionId={sessionId}
              onClose={() => {
                layoutActions.setSearchOpen(false);
                manager.focus(sessionId);
              }}
            />
          )}
          <div className="terminal-slot" ref={slotRef} />
        </div>
        {layout.logOpen && (
          <>
            <SplitHandle
              width={layout.logWidth}
              containerWidth={() => splitRef.current?.clientWidth ?? 0}
              onResize={(width) => layoutActions.setLogWidth(width, false)}
              onResizeEnd={(width) => layoutActions.setLogWidth(width, true)}
            />
            <div className="log-slot" style={{ width: layout.logWidth }}>
              <LogPane sessionId={sessionId} onClose={() => layoutActions.setLogOpen(false)} />
            </div>
          </>
        )}
      </div>
      <StatusLine session={session} info={info} sizeHint={sizeHint} onSyncSize={syncSize} />
      {retrying && (
        <RetryDialog
          target={{
            kind: 'job',
            accountId: session.accountId,
            projectId: session.projectId,
            jobId: session.jobId,
          }}
          title={`${session.jobName} #${session.jobId}`}
          onClose={() => {
            setRetrying(false);
            manager.focus(sessionId);
          }}
        />
      )}
    </section>
  );
}

/** Hands text to the browser as a file download (Electron shows its save dialog). */
export function download(filename: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, REVOKE_DOWNLOAD_URL_MS);
}
