/**
 * One session's xterm.js terminal: created when the session appears, kept across reconnects (the
 * old scrollback stays), disposed when the session goes. Output is written by the OutputRouter;
 * this class wires input, paste, copy, links, titles and search, and owns its fit (TerminalFit)
 * and its renderer choice (WebglRenderer).
 */
import './terminal-entry.css';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type IDisposable } from '@xterm/xterm';
import type { Settings } from '../../../shared/models';
import { copyText } from './clipboard';
import type { Scheduler, TimerId } from './scheduler';
import { clipboardKeyFor } from '../../keys/shortcuts';
import { TerminalFit } from './terminal-fit';
import { TitleThrottle } from './title';
import { WebglRenderer, type RendererKind } from './webgl-renderer';
import { documentIsDark, cssVar, readXtermTheme, searchDecorations } from './xterm-theme';

/** How long a status-line notice (keystrokes dropped, copy denied) stays before it clears. */
export const NOTICE_MS = 6_000;
/** Selections fire a change per mouse move; copy once the selection has rested this long. */
export const COPY_ON_SELECT_DEBOUNCE_MS = 120;
/** Search highlights beyond this many are not drawn (xterm's own default, named here). */
const SEARCH_HIGHLIGHT_LIMIT = 1000;
/** Used when settings have not arrived yet; the core's defaults. */
const FALLBACK_FONT_SIZE = 13;
const FALLBACK_SCROLLBACK = 5000;

/** What the React side may know about a terminal; replaced (never mutated) on every change. */
export interface TerminalInfo {
  readonly title: string;
  readonly notice: string | null;
  readonly cols: number;
  readonly rows: number;
  readonly search: { readonly index: number; readonly count: number } | null;
  readonly renderer: RendererKind;
}

/** What an entry needs from its manager. */
export interface EntryHost {
  readonly mac: boolean;
  readonly scheduler: Scheduler;
  input(sessionId: string, data: string): void;
  paste(sessionId: string, text: string): void;
  openLink(sessionId: string, raw: string): void;
  copyOnSelect(): boolean;
  changed(sessionId: string): void;
}

export interface SearchOptions {
  readonly caseSensitive: boolean;
  readonly backwards: boolean;
}

export class TerminalEntry {
  readonly term: Terminal;
  /** Our own element around xterm's: moved between React slots, never re-created. */
  readonly element: HTMLDivElement;
  #info: TerminalInfo;
  readonly #fit: TerminalFit;
  readonly #search = new SearchAddon({ highlightLimit: SEARCH_HIGHLIGHT_LIMIT });
  readonly #titles: TitleThrottle;
  readonly #disposables: IDisposable[] = [];
  readonly #webgl: WebglRenderer;
  #opened = false;
  #visible = false;
  #noticeTimer: TimerId | null = null;
  #copyTimer: TimerId | null = null;

  constructor(
    readonly sessionId: string,
    private readonly host: EntryHost,
    settings: Settings | null,
  ) {
    this.term = new Terminal({
      // Unicode11Addon registers through the (still "proposed") `unicode` API.
      allowProposedApi: true,
      fontFamily: cssVar('--font-mono', 'monospace'),
      fontSize: settings?.fontSize ?? FALLBACK_FONT_SIZE,
      scrollback: settings?.scrollback ?? FALLBACK_SCROLLBACK,
      theme: readXtermTheme(),
      macOptionIsMeta: true,
      cursorBlink: true,
      // OSC 8 hyperlinks: the same rule as plain links (http/https only, confirmed with the URL).
      linkHandler: {
        activate: (_event, text) => {
          host.openLink(sessionId, text);
        },
        allowNonHttpProtocols: false,
      },
    });
    this.#info = {
      title: '',
      notice: null,
      cols: this.term.cols,
      rows: this.term.rows,
      search: null,
      renderer: 'dom',
    };
    this.element = document.createElement('div');
    this.element.className = 'xterm-host';
    this.#titles = new TitleThrottle(host.scheduler, (title) => {
      this.#update({ title });
    });
    this.#webgl = new WebglRenderer(this.term, (renderer) => {
      this.#update({ renderer });
    });
    this.#fit = new TerminalFit(
      host.scheduler,
      () => this.#opened && this.#visible && this.element.clientWidth !== 0,
      () => {
        if (this.term.cols !== this.#info.cols || this.term.rows !== this.#info.rows) {
          this.#update({ cols: this.term.cols, rows: this.term.rows });
        }
      },
    );
    this.#wire();
  }

  get info(): TerminalInfo {
    return this.#info;
  }

  /** Whether the tab is in front (its output is what the user watches). */
  get visible(): boolean {
    return this.#visible;
  }

  /** Puts the terminal into `slot` (a React-owned element) and keeps it fitted to it. */
  attach(slot: HTMLElement): () => void {
    slot.appendChild(this.element);
    this.#fit.observe(slot);
    if (this.#visible) this.#show();
    return () => {
      this.#fit.unobserve();
      if (this.element.parentElement === slot) slot.removeChild(this.element);
    };
  }

  /** The tab came to the front (true) or went behind another (false). */
  setVisible(visible: boolean): void {
    if (visible === this.#visible) return;
    this.#visible = visible;
    if (visible) this.#show();
    else this.#webgl.dispose();
  }

  focus(): void {
    if (this.#opened) this.term.focus();
  }

  /** A blinking cursor promises that typing works: only while keystrokes reach a shell. */
  setLive(live: boolean): void {
    if (this.term.options.cursorBlink !== live) this.term.options.cursorBlink = live;
  }

  applySettings(settings: Settings): void {
    const fontChanged = this.term.options.fontSize !== settings.fontSize;
    if (fontChanged) this.term.options.fontSize = settings.fontSize;
    if (this.term.options.scrollback !== settings.scrollback) {
      this.term.options.scrollback = settings.scrollback;
    }
    if (fontChanged) this.#fit.schedule();
  }

  applyTheme(): void {
    this.term.options.theme = readXtermTheme();
    if (this.#info.search !== null) this.#search.clearDecorations();
  }

  /** Finds `query` in the scrollback; false when there is no match. */
  find(query: string, options: SearchOptions): boolean {
    if (query === '') {
      this.clearSearch();
      return false;
    }
    const searchOptions = {
      caseSensitive: options.caseSensitive,
      decorations: searchDecorations(documentIsDark()),
    };
    const found = options.backwards
      ? this.#search.findPrevious(query, searchOptions)
      : this.#search.findNext(query, searchOptions);
    if (!found) this.#update({ search: { index: -1, count: 0 } });
    return found;
  }

  clearSearch(): void {
    this.#search.clearDecorations();
    this.term.clearSelection();
    this.#update({ search: null });
  }

  /** Shows a sentence in the tab's status line for a while. */
  notice(text: string): void {
    if (this.#noticeTimer !== null) this.host.scheduler.clearTimeout(this.#noticeTimer);
    this.#noticeTimer = this.host.scheduler.setTimeout(() => {
      this.#noticeTimer = null;
      this.#update({ notice: null });
    }, NOTICE_MS);
    if (this.#info.notice !== text) this.#update({ notice: text });
  }

  /** Copies the selection to the clipboard (Copy key, copy on select). */
  async copySelection(): Promise<void> {
    const outcome = await copyText(this.term.getSelection());
    if (outcome === 'denied') this.notice('Could not copy: the clipboard is not available here.');
  }

  /** The whole buffer as text, trailing blank lines removed (tests and the bench read this). */
  bufferText(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y += 1) {
      lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    }
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines.join('\n');
  }

  dispose(): void {
    for (const timer of [this.#noticeTimer, this.#copyTimer]) {
      if (timer !== null) this.host.scheduler.clearTimeout(timer);
    }
    this.#fit.dispose();
    this.#titles.dispose();
    for (const disposable of this.#disposables) disposable.dispose();
    this.#webgl.dispose();
    this.term.dispose();
    this.element.remove();
  }

  #wire(): void {
    const { term, host, sessionId } = this;
    term.loadAddon(this.#fit.addon);
    term.loadAddon(this.#search);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.loadAddon(
      new WebLinksAddon((_event, uri) => {
        host.openLink(sessionId, uri);
      }),
    );
    // Keystrokes and xterm's own answers to queries (DA, DSR…) go to this session only: one
    // terminal per session keeps a job's output from ever answering into another job's shell.
    this.#disposables.push(
      term.onData((data) => {
        host.input(sessionId, data);
      }),
      term.onTitleChange((title) => {
        this.#titles.push(title);
      }),
      term.onSelectionChange(() => {
        this.#scheduleCopyOnSelect();
      }),
      this.#search.onDidChangeResults(({ resultIndex, resultCount }) => {
        this.#update({ search: { index: resultIndex, count: resultCount } });
      }),
    );
    term.attachCustomKeyEventHandler((event) => this.#handleKey(event));
    // Capture phase on our element: runs before xterm's own paste handler (on its textarea), so
    // every paste goes through `terminal.paste` (sanitised, chunked, maybe confirmed).
    this.element.addEventListener(
      'paste',
      (event) => {
        event.preventDefault();
        event.stopPropagation();
        const text = event.clipboardData?.getData('text/plain') ?? '';
        if (text !== '') host.paste(sessionId, text);
      },
      { capture: true },
    );
  }

  /** False stops xterm from handling the key (we did, or the browser's paste command will). */
  #handleKey(event: KeyboardEvent): boolean {
    const action = clipboardKeyFor(event, this.host.mac);
    if (action === null) return true;
    if (event.type !== 'keydown') return false;
    switch (action) {
      case 'copy':
        // Cmd+C without a selection does nothing, like every macOS terminal.
        if (this.term.hasSelection()) void this.copySelection();
        return false;
      case 'paste':
        // Let the browser's own paste command run: it fires a paste event (caught above) with
        // the clipboard's text, which needs no clipboard permission.
        return false;
    }
  }

  #show(): void {
    if (!this.element.isConnected) return;
    if (!this.#opened) {
      this.term.open(this.element);
      this.#opened = true;
    }
    this.#webgl.load();
    this.#fit.now();
  }

  #scheduleCopyOnSelect(): void {
    if (!this.host.copyOnSelect()) return;
    if (this.#copyTimer !== null) this.host.scheduler.clearTimeout(this.#copyTimer);
    this.#copyTimer = this.host.scheduler.setTimeout(() => {
      this.#copyTimer = null;
      if (this.term.hasSelection()) void this.copySelection();
    }, COPY_ON_SELECT_DEBOUNCE_MS);
  }

  #update(patch: Partial<TerminalInfo>): void {
    this.#info = { ...this.#info, ...patch };
    this.host.changed(this.sessionId);
  }
}
