import './controls.css';
import './terminal-workspace.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionView } from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';
import { useApp, useAppState } from '../../hooks/app-context';
import { useKeymap } from '../../hooks/use-keymap';
import type { KeyAction, Keymap } from '../../keys/keymap';
import { IS_MAC } from '../../keys/platform';
import { Chord } from '../../components/help/kbd';
import { cycle, moveTab, neighbourAfterClose, reconcileOrder } from './tab-order';
import { terminalManagerFor } from '../xterm/terminal-manager';
import { useRetryLog } from '../../components/retry/use-retry-log';
import { toggleTarget } from '../../components/broadcast/broadcast-policy';
import { useBroadcast, useStopBroadcastShortcut } from '../../components/broadcast/use-broadcast';
import { useConfirmDialog } from './confirm-dialog';
import { TabStrip } from './tab-strip';
import { TerminalPane } from './terminal-pane';
import { useNow } from './use-now';
import { userMessage } from '../../forms/contract-messages';

/** Font zoom stays inside the core's documented bounds (it clamps too; this avoids no-op calls). */
const FONT_SIZE_MIN = 8;
const FONT_SIZE_MAX = 32;
/** Ctrl/Cmd+0 goes back to the core's default size. */
const FONT_SIZE_DEFAULT = 13;
/** The log pane's first width: room for a typical 80-column log line at the log's smaller font. */
const DEFAULT_LOG_WIDTH = 460;
/** Where the log pane's width is remembered between runs (a layout preference, not a setting). */
const LOG_WIDTH_KEY = 'jobshell.terminal.logWidth';

/** Tabbed terminals, one per job session; the workspace's content right of the job list. */
export function TerminalWorkspace({ onHelp }: { readonly onHelp: () => void }) {
  const { bridge, store } = useApp();
  const keymap = useKeymap();
  const manager = terminalManagerFor(bridge, store);
  const sessions = useAppState((s) => s.sessions);
  const accounts = useAppState((s) => s.accounts);
  const activeId = useAppState((s) => s.activeSessionId);
  const fontSize = useAppState((s) => s.settings?.fontSize ?? FONT_SIZE_DEFAULT);
  const [order, setOrder] = useState<readonly string[]>([]);
  const [searchOpen, setSearchOpen] = useState<ReadonlySet<string>>(new Set());
  const [logOpen, setLogOpen] = useState<ReadonlySet<string>>(new Set());
  const [logWidth, setLogWidth] = useState(readLogWidth);
  const { dialog, confirm } = useConfirmDialog();
  useRetryLog(useCallback((id: string) => setLogOpen((s) => new Set([...s, id])), []));
  const broadcast = useBroadcast();
  useStopBroadcastShortcut(broadcast.store, broadcast.view.targets.length > 0);

  useEffect(() => {
    manager.setConfirmer(confirm);
  }, [manager, confirm]);

  const ordered = useMemo(() => {
    const byId = new Map(sessions.map((s) => [s.id, s]));
    return reconcileOrder(
      order,
      sessions.map((s) => s.id),
    ).flatMap((id) => byId.get(id) ?? []);
  }, [order, sessions]);
  const orderIds = useMemo(() => ordered.map((s) => s.id), [ordered]);
  const active = ordered.find((s) => s.id === activeId) ?? ordered[0] ?? null;
  const ticking = sessions.some((s) => s.state.kind === 'held' || s.state.kind === 'reconnecting');
  const now = useNow(ticking);
  // Re-render tab tooltips when a terminal's title changes (titles are throttled upstream).
  const titles = useTitles(manager, orderIds);

  const select = useCallback(
    (sessionId: string | null) => {
      if (sessionId === null) return;
      store.setActiveSession(sessionId);
      // Also when the tab already is in front: a click on it means "type here" (issue 12).
      manager.focus(sessionId);
    },
    [manager, store],
  );

  const close = useCallback(
    async (session: SessionView) => {
      const live = session.state.kind === 'held' || session.state.kind === 'open';
      if (live) {
        const kind = session.state.kind === 'held' ? 'close-held' : 'close-live';
        const ok = await confirm({ kind, jobName: session.jobName });
        if (!ok) {
          // The question came from this tab: the keyboard goes back to its terminal.
          if (active !== null) manager.focus(active.id);
          return;
        }
      }
      if (active?.id === session.id) select(neighbourAfterClose(orderIds, session.id));
      try {
        await bridge.request('terminal.close', { sessionId: session.id });
      } catch (e) {
        manager.notice(session.id, `Close failed: ${userMessage(e)}`);
      }
    },
    [active, bridge, confirm, manager, orderIds, select],
  );

  const runShortcut = useCallback(
    (shortcut: KeyAction) => {
      switch (shortcut.kind) {
        case 'help':
          onHelp();
          return;
        case 'close':
          if (active !== null) void close(active);
          return;
        case 'next':
        case 'prev':
          select(cycle(orderIds, active?.id ?? null, shortcut.kind === 'next' ? 1 : -1));
          return;
        case 'select':
          // 9 is always the last tab, as in browsers.
          select((shortcut.index === 8 ? orderIds.at(-1) : orderIds[shortcut.index]) ?? null);
          return;
        case 'search':
          if (active !== null) setSearchOpen((open) => new Set(open).add(active.id));
          return;
        case 'zoom':
        case 'zoom-reset': {
          const next =
            shortcut.kind === 'zoom-reset'
              ? FONT_SIZE_DEFAULT
              : Math.min(FONT_SIZE_MAX, Math.max(FONT_SIZE_MIN, fontSize + shortcut.step));
          if (next !== fontSize) {
            void bridge.request('settings.update', { fontSize: next }).catch(() => undefined);
          }
          return;
        }
        default:
          assertNever(shortcut, 'shortcut');
      }
    },
    [active, bridge, close, fontSize, onHelp, orderIds, select],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      // A modal dialog owns the keyboard while it is open.
      if (document.querySelector('[aria-modal="true"]') !== null) return;
      const target = event.target instanceof Element ? event.target : null;
      const inTerminal = target?.closest('.xterm') != null;
      const inField =
        !inTerminal &&
        target !== null &&
        target.matches('input, textarea, select, [contenteditable]');
      const shortcut = keymap.match(event, { mac: IS_MAC, inTerminal, inField });
      if (shortcut === null) return;
      event.preventDefault();
      event.stopPropagation();
      runShortcut(shortcut);
    };
    // Capture phase: the shortcut is handled before xterm would type it into the shell.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
    };
  }, [keymap, runShortcut]);

  const toggle = (set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  if (ordered.length === 0) {
    return (
      <div className="terminal-workspace">
        <EmptyTerminals keymap={keymap} onHelp={onHelp} />
        {dialog}
      </div>
    );
  }

  return (
    <div className="terminal-workspace">
      <TabStrip
        sessions={ordered}
        accounts={accounts}
        keymap={keymap}
        activeId={active?.id ?? null}
        titles={titles}
        now={now}
        onSelect={select}
        onClose={(session) => void close(session)}
        onMove={(id, target, after) => {
          setOrder(moveTab(orderIds, id, target, after));
        }}
        broadcast={broadcast.view}
        onToggleBroadcast={(id) => {
          const current = broadcast.view.targets.map((t) => t.sessionId);
          void broadcast.store.set(toggleTarget(current, id)).catch(() => undefined);
        }}
      />
      <div className="terminal-panes">
        {ordered.map((session) => (
          <TerminalPane
            key={session.id}
            session={session}
            active={session.id === active?.id}
            manager={manager}
            accountColor={accounts.find((a) => a.id === session.accountId)?.color ?? 'var(--muted)'}
            now={now}
            layout={{
              searchOpen: searchOpen.has(session.id),
              logOpen: logOpen.has(session.id),
              logWidth,
            }}
            onCloseTab={() => void close(session)}
            layoutActions={{
              setSearchOpen: (open) => setSearchOpen((s) => toggle(s, session.id, open)),
              setLogOpen: (open) => setLogOpen((s) => toggle(s, session.id, open)),
              setLogWidth: (width, done) => {
                setLogWidth(width);
                if (done) writeLogWidth(width);
              },
            }}
          />
        ))}
      </div>
      {dialog}
    </div>
  );
}

function EmptyTerminals({
  keymap,
  onHelp,
}: {
  readonly keymap: Keymap;
  readonly onHelp: () => void;
}) {
  return (
    <>
      {/* The strip stays, empty, so the window's layout does not jump when the first tab opens. */}
      <div className="tab-strip terminal-tabs" role="tablist" aria-label="Terminals">
        <span className="no-tabs">No terminals open</span>
      </div>
      <div className="empty-state terminal-empty">
        <div className="terminal-empty-mark" aria-hidden="true">
          &gt;_
        </div>
        <h2>Open a job’s terminal</h2>
        <p>
          Pick a running job on the left and choose <strong>Open terminal</strong>, or paste a job’s
          URL. Each job gets its own tab with a live shell in the job’s environment, and its log can
          sit beside it.
        </p>
        <p className="terminal-empty-keys">
          <Chord keys={keymap.chord('next')} /> next tab · <Chord keys={keymap.chord('select')} />{' '}
          select · <Chord keys={keymap.chord('search')} /> search ·{' '}
          <Chord keys={keymap.chord('close')} /> close ·{' '}
          <button className="link-button" onClick={onHelp}>
            all shortcuts
          </button>{' '}
          <Chord keys={keymap.chord('help')} />
        </p>
      </div>
    </>
  );
}

/** The throttled OSC titles of the given sessions, as a map that changes only when one does. */
function useTitles(
  manager: ReturnType<typeof terminalManagerFor>,
  ids: readonly string[],
): ReadonlyMap<string, string> {
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const read = (): void => {
      setTitles((previous) => {
        const next = new Map(ids.map((id) => [id, manager.info(id).title]));
        const same =
          next.size === previous.size && [...next].every(([id, t]) => previous.get(id) === t);
        return same ? previous : next;
      });
    };
    read();
    return manager.subscribe(read);
  }, [manager, ids]);
  return titles;
}

function readLogWidth(): number {
  const stored = Number(window.localStorage.getItem(LOG_WIDTH_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_LOG_WIDTH;
}

function writeLogWidth(width: number): void {
  try {
    window.localStorage.setItem(LOG_WIDTH_KEY, String(width));
  } catch {
    // Storage can be full or disabled; the width then lasts for this run only.
  }
}
