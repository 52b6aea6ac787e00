/**
 * All terminals of the window, outside React: terminal bytes never pass through React state.
 * One manager per bridge; it lives as long as the page, subscribes to the output once, and keeps
 * each session's xterm alive for as long as the session exists (across reconnects and re-renders).
 */
import { MAX_INPUT_MESSAGE } from '../../../shared/contract';
import type { SessionView, Settings } from '../../../shared/models';
import type { Bridge } from '../../bridge/bridge';
import type { AppStore } from '../../stores/app-store';
import { broadcastPasteNeedsConfirmation } from '../../components/broadcast/broadcast-policy';
import { broadcastStoreFor } from '../../components/broadcast/broadcast-store';
import type { Confirmer } from './confirm';
import { checkLink } from './link-policy';
import { openExternal } from '../../web/open-external';
import { OutputRouter } from './output-router';
import { pasteNeedsConfirmation, summarizePaste } from './paste-policy';
import { realScheduler, type Scheduler } from './scheduler';
import { acceptsInput, inputBlockedReason } from '../workspace/session-status';
import {
  TerminalEntry,
  type EntryHost,
  type SearchOptions,
  type TerminalInfo,
} from './terminal-entry';
import { installTestHook } from './test-hook';
import { IS_MAC } from '../../keys/platform';

const EMPTY_INFO: TerminalInfo = {
  title: '',
  notice: null,
  cols: 0,
  rows: 0,
  search: null,
  renderer: 'dom',
};

export class TerminalManager {
  readonly #entries = new Map<string, TerminalEntry>();
  /** Sessions whose terminal was disposed: late output for them is acked and dropped. */
  readonly #gone = new Set<string>();
  /** Sessions the core has listed at least once (only those can be "no longer listed"). */
  readonly #listed = new Set<string>();
  readonly #listeners = new Set<() => void>();
  readonly #router: OutputRouter;
  readonly #host: EntryHost;
  #confirm: Confirmer = () => Promise.resolve(false);
  #settings: Settings | null;
  #sessions: readonly SessionView[] = [];

  constructor(
    private readonly bridge: Bridge,
    private readonly store: AppStore,
    scheduler: Scheduler = realScheduler,
  ) {
    this.#settings = store.getState().settings;
    this.#router = new OutputRouter(
      (sessionId) => this.#entryForOutput(sessionId)?.term ?? null,
      (sessionId, bytes) => {
        bridge.notify('terminal.ack', { sessionId, bytes });
      },
      (sessionId) => this.#entries.get(sessionId)?.visible ?? false,
      scheduler,
    );
    this.#host = {
      mac: IS_MAC,
      scheduler,
      input: (sessionId, data) => {
        this.#input(sessionId, data);
      },
      paste: (sessionId, text) => {
        void this.#paste(sessionId, text);
      },
      openLink: (sessionId, raw) => {
        void this.openLink(sessionId, raw);
      },
      copyOnSelect: () => this.#settings?.copyOnSelect ?? false,
      changed: () => {
        this.#emit();
      },
    };
    bridge.on('terminal.output', (chunks) => {
      this.#router.route(chunks);
    });
    store.subscribe(() => {
      this.#sync();
    });
    this.#sync();
    new MutationObserver(() => {
      for (const entry of this.#entries.values()) entry.applyTheme();
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    if (bridge.kind === 'browser') installTestHook(this);
  }

  /** The workspace's dialog; until it is set, every question is answered "no". */
  setConfirmer(confirm: Confirmer): void {
    this.#confirm = confirm;
  }

  /** For useSyncExternalStore: called when any terminal's info changes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Title, notice, size and search state of a session's terminal. */
  info(sessionId: string): TerminalInfo {
    return this.#entries.get(sessionId)?.info ?? EMPTY_INFO;
  }

  /** Places the session's terminal into `slot`; returns the detach function. */
  attach(sessionId: string, slot: HTMLElement): () => void {
    return this.#ensure(sessionId)?.attach(slot) ?? (() => undefined);
  }

  setVisible(sessionId: string, visible: boolean): void {
    this.#entries.get(sessionId)?.setVisible(visible);
  }

  focus(sessionId: string): void {
    this.#entries.get(sessionId)?.focus();
  }

  find(sessionId: string, query: string, options: SearchOptions): boolean {
    return this.#entries.get(sessionId)?.find(query, options) ?? false;
  }

  clearSearch(sessionId: string): void {
    this.#entries.get(sessionId)?.clearSearch();
  }

  notice(sessionId: string, text: string): void {
    this.#entries.get(sessionId)?.notice(text);
  }

  /** Asks, then has main open an http(s) link from the terminal (main validates it again). */
  async openLink(sessionId: string, raw: string): Promise<void> {
    const check = checkLink(raw);
    if (!check.ok) {
      this.notice(sessionId, `Link not opened: ${check.reason}`);
      return;
    }
    const ok = await this.#confirm({ kind: 'link', url: check.url });
    this.focus(sessionId);
    if (!ok) return;
    try {
      await openExternal(this.bridge, check.url);
    } catch (error) {
      this.notice(sessionId, `Link not opened: ${messageOf(error)}`);
    }
  }

  /** Bytes handed to xterm and not yet parsed, all sessions (the renderer's backlog). */
  pendingBytes(): number {
    return this.#router.pendingBytes;
  }

  sessionIds(): readonly string[] {
    return [...this.#entries.keys()];
  }

  bufferText(sessionId: string): string | null {
    return this.#entries.get(sessionId)?.bufferText() ?? null;
  }

  #input(sessionId: string, data: string): void {
    const session = this.#session(sessionId);
    if (session === undefined) return;
    const blocked = inputBlockedReason(session.state);
    if (blocked !== null) {
      this.notice(sessionId, blocked);
      return;
    }
    this.bridge.notify('terminal.input', { sessionId, data });
  }

  async #paste(sessionId: string, text: string): Promise<void> {
    const entry = this.#entries.get(sessionId);
    const session = this.#session(sessionId);
    if (entry === undefined || session === undefined) return;
    if (text.length > MAX_INPUT_MESSAGE) {
      entry.notice('Not pasted: the clipboard holds more than 1 MiB of text.');
      return;
    }
    const summary = summarizePaste(text);
    if (broadcastStoreFor(this.bridge).isTarget(sessionId)) {
      await this.#broadcastPaste(sessionId, text, summary);
      return;
    }
    if (pasteNeedsConfirmation(summary)) {
      const ok = await this.#confirm({ kind: 'paste', summary, jobName: session.jobName });
      entry.focus();
      if (!ok) return;
    }
    // Ask again: the session may have ended while the confirmation was open.
    const now = this.#session(sessionId);
    if (now === undefined || !acceptsInput(now.state)) {
      entry.notice(inputBlockedReason(now?.state ?? session.state) ?? 'Not pasted.');
      return;
    }
    this.bridge.notify('terminal.paste', {
      sessionId,
      data: text,
      bracketed: entry.term.modes.bracketedPasteMode,
    });
    entry.term.scrollToBottom();
  }

  /** A paste into a broadcast target: confirmed with the target list, typed by the core into all. */
  async #broadcastPaste(
    sessionId: string,
    text: string,
    summary: ReturnType<typeof summarizePaste>,
  ): Promise<void> {
    const { targets } = broadcastStoreFor(this.bridge).getState();
    const live = targets.filter((t) => t.status.kind === 'live');
    if (broadcastPasteNeedsConfirmation(summary, live.length)) {
      const ok = await this.#confirm({
        kind: 'broadcast-paste',
        summary,
        targets: live.map((t) => t.jobName),
        skipped: targets.filter((t) => t.status.kind !== 'live').map((t) => t.jobName),
      });
      this.focus(sessionId);
      if (!ok) return;
    }
    // Each target's own mode: a full-screen program in one may have bracketed paste off.
    const bracketed = live.map((t) => ({
      sessionId: t.sessionId,
      bracketed: this.#entries.get(t.sessionId)?.term.modes.bracketedPasteMode ?? false,
    }));
    this.bridge.notify('broadcast.paste', { sessionId, data: text, bracketed });
    for (const t of live) this.#entries.get(t.sessionId)?.term.scrollToBottom();
  }

  #session(sessionId: string): SessionView | undefined {
    return this.#sessions.find((s) => s.id === sessionId);
  }

  /** Follows the store: terminals for new sessions, disposal for ended ones, settings applied. */
  #sync(): void {
    const { sessions, settings } = this.store.getState();
    if (settings !== this.#settings && settings !== null) {
      this.#settings = settings;
      for (const entry of this.#entries.values()) entry.applySettings(settings);
    }
    if (sessions === this.#sessions) return;
    this.#sessions = sessions;
    const ids = new Set(sessions.map((s) => s.id));
    for (const session of sessions) {
      this.#listed.add(session.id);
      this.#ensure(session.id)?.setLive(acceptsInput(session.state));
    }
    for (const id of [...this.#entries.keys()]) {
      if (!ids.has(id) && this.#listed.has(id)) this.#dispose(id);
    }
  }

  #ensure(sessionId: string): TerminalEntry | null {
    const existing = this.#entries.get(sessionId);
    if (existing !== undefined) return existing;
    if (this.#gone.has(sessionId)) return null;
    const entry = new TerminalEntry(sessionId, this.#host, this.#settings);
    this.#entries.set(sessionId, entry);
    return entry;
  }

  /** Output can arrive before the session list names the session: create its terminal then. */
  #entryForOutput(sessionId: string): TerminalEntry | null {
    return this.#ensure(sessionId);
  }

  #dispose(sessionId: string): void {
    const entry = this.#entries.get(sessionId);
    if (entry === undefined) return;
    this.#entries.delete(sessionId);
    this.#gone.add(sessionId);
    this.#router.forget(sessionId);
    entry.dispose();
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

const managers = new WeakMap<Bridge, TerminalManager>();

/** The window's terminal manager (created on first use, then shared). */
export function terminalManagerFor(bridge: Bridge, store: AppStore): TerminalManager {
  let manager = managers.get(bridge);
  if (manager === undefined) {
    manager = new TerminalManager(bridge, store);
    managers.set(bridge, manager);
  }
  return manager;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
