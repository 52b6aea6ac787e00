/**
 * The Chromium half of the stand-in: one browser per app, one browser context per session
 * partition, one page per BrowserWindow. Renderer → main messages cross through a Playwright
 * binding that carries the sending frame's URL; main → renderer messages are delivered with
 * page.evaluate. Main-frame navigations are offered to the app as will-navigate / will-redirect.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Route,
} from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium';
import type { Link } from '../link';
import type { CookieFilter, StandinCookie, ToApp, ToHost, WindowSpec } from '../protocol';
import { AppSchemes } from './app-schemes';
import { inspectCertificate } from './certificates';
import { pageScript } from './page-runtime';

interface PartitionConfig {
  proxyRules: string | null;
  verifyProc: boolean;
  permissionHandler: boolean;
}

interface HostWindow {
  readonly spec: WindowSpec;
  page: Promise<Page> | null;
  resolved: Page | null;
  destroyed: boolean;
  /** URL of a loadURL in flight: its navigation is the app's own, not a will-navigate. */
  programmatic: string | null;
  lastStatus: { code: number; text: string };
}

/** Electron permission names for the ones Playwright can grant in Chromium. */
const PERMISSIONS: readonly (readonly [electron: string, playwright: string])[] = [
  ['notifications', 'notifications'],
  ['geolocation', 'geolocation'],
  ['clipboard-read', 'clipboard-read'],
  ['clipboard-sanitized-write', 'clipboard-write'],
  ['midi', 'midi'],
];

/** Electron's proxyRules ("host:port", "scheme://host:port", "http=host:port;…") → one server. */
function proxyServer(rules: string): string {
  const first = rules.split(';')[0]?.replace(/^[a-z]+=/, '') ?? rules;
  return first.includes('://') ? first : `http://${first}`;
}

function toElectronCookie(
  cookie: Awaited<ReturnType<BrowserContext['cookies']>>[number],
): StandinCookie {
  const sameSite = { Strict: 'strict', Lax: 'lax', None: 'no_restriction' } as const;
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    hostOnly: !cookie.domain.startsWith('.'),
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    session: cookie.expires === -1,
    ...(cookie.expires === -1 ? {} : { expirationDate: cookie.expires }),
    sameSite: sameSite[cookie.sameSite],
  };
}

export class BrowserSide extends EventEmitter {
  private browser: Promise<Browser> | null = null;
  private readonly contexts = new Map<string, Promise<BrowserContext>>();
  private readonly configs = new Map<string, PartitionConfig>();
  private readonly windows = new Map<number, HostWindow>();
  private readonly byPage = new Map<Page, HostWindow>();
  private readonly certificateVerdicts = new Map<string, Promise<boolean>>();
  private readonly schemes = new AppSchemes();
  private readonly binding = `__standin_${randomBytes(8).toString('hex')}`;
  private readonly deliver = `__standin_deliver_${randomBytes(8).toString('hex')}`;
  private dark = false;
  /** Pages being created by the host itself: the context's 'page' event is not a popup then. */
  private ownPagesPending = 0;

  constructor(
    private readonly link: Link<ToApp, ToHost>,
    private readonly report: (error: unknown) => void,
  ) {
    super();
  }

  pages(): Page[] {
    return [...this.windows.values()]
      .filter((w) => !w.destroyed && w.resolved !== null)
      .map((w) => w.resolved as Page);
  }

  webContentsIdOf(page: Page): number {
    const window = this.byPage.get(page);
    if (window === undefined) throw new Error('That page is not a window of this app');
    return window.spec.webContentsId;
  }

  install(): void {
    const { link } = this;
    link.handle('window.create', (spec) => {
      this.windows.set(spec.webContentsId, {
        spec,
        page: null,
        resolved: null,
        destroyed: false,
        programmatic: null,
        lastStatus: { code: 200, text: 'OK' },
      });
      return null;
    });
    link.handle('window.load', async ({ webContentsId, url }) => {
      const window = this.window(webContentsId);
      const page = await this.pageOf(window, url);
      const target = this.schemes.toPage(url);
      window.programmatic = target;
      try {
        await page.goto(target, { waitUntil: 'load' });
      } catch (error) {
        if (window.destroyed) return null;
        // Docs, loadURL: rejects when the load fails (did-fail-load).
        throw new Error(`ERR_FAILED (-2) loading '${url}': ${String(error)}`, { cause: error });
      }
      return null;
    });
    link.handle('window.destroy', async ({ webContentsId }) => {
      const window = this.window(webContentsId);
      window.destroyed = true;
      if (window.page !== null) await (await window.page).close();
      return null;
    });
    link.handle('window.focus', async ({ webContentsId }) => {
      const window = this.window(webContentsId);
      if (window.page !== null) await (await window.page).bringToFront();
      return null;
    });
    link.handle('contents.send', async ({ webContentsId, channel, args }) => {
      const window = this.windows.get(webContentsId);
      if (window?.page == null || window.destroyed) return null;
      const page = await window.page;
      // Messages to a page that is between documents are lost, as in Electron.
      await page
        .evaluate(
          ([name, ch, values]) => {
            const deliver = (globalThis as unknown as Record<string, unknown>)[name];
            if (typeof deliver === 'function')
              (deliver as (c: string, a: unknown) => void)(ch, values);
          },
          [this.deliver, channel, args] as const,
        )
        .catch(() => undefined);
      return null;
    });
    link.handle('session.cookies', async ({ partition, filter }) =>
      this.cookies(partition, filter),
    );
    link.handle('session.clear', async ({ partition, what }) => {
      const context = this.contexts.get(partition);
      if (context === undefined) return null;
      const ready = await context;
      if (what === 'storage') {
        await ready.clearCookies();
        for (const page of ready.pages())
          await page
            .evaluate(() => {
              for (const name of ['localStorage', 'sessionStorage'])
                (Reflect.get(globalThis, name) as { clear(): void }).clear();
            })
            .catch(() => undefined);
      } else {
        const page = ready.pages()[0];
        if (page !== undefined)
          await (await ready.newCDPSession(page)).send('Network.clearBrowserCache');
      }
      return null;
    });
    link.handle('session.configure', ({ partition, ...change }) => {
      const config = this.config(partition);
      if (change.proxyRules !== undefined && change.proxyRules !== config.proxyRules) {
        if (this.contexts.has(partition))
          throw new Error(
            'Electron stand-in: session.setProxy after the partition has loaded a page needs a new browser context, which Playwright cannot swap in; set the proxy before loadURL.',
          );
        config.proxyRules = change.proxyRules;
      }
      if (change.verifyProc !== undefined) config.verifyProc = change.verifyProc;
      if (change.permissionHandler !== undefined)
        config.permissionHandler = change.permissionHandler;
      return null;
    });
    link.handle('protocol.handle', ({ scheme }) => {
      this.schemes.add(scheme);
      return null;
    });
    link.handle('theme', async ({ dark }) => {
      this.dark = dark;
      for (const page of this.pages())
        await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      return null;
    });
  }

  async close(): Promise<void> {
    if (this.browser !== null) await (await this.browser).close().catch(() => undefined);
  }

  private window(id: number): HostWindow {
    const window = this.windows.get(id);
    if (window === undefined) throw new Error(`No window with webContents ${id}`);
    return window;
  }

  private config(partition: string): PartitionConfig {
    let config = this.configs.get(partition);
    if (config === undefined) {
      config = { proxyRules: null, verifyProc: false, permissionHandler: false };
      this.configs.set(partition, config);
    }
    return config;
  }

  private async cookies(partition: string, filter: CookieFilter): Promise<StandinCookie[]> {
    const context = this.contexts.get(partition);
    if (context === undefined) return [];
    const all = await (await context).cookies(filter.url === undefined ? [] : [filter.url]);
    return all
      .map(toElectronCookie)
      .filter(
        (c) =>
          (filter.name === undefined || c.name === filter.name) &&
          (filter.path === undefined || c.path === filter.path) &&
          (filter.domain === undefined ||
            c.domain.replace(/^\./, '') === filter.domain.replace(/^\./, '')),
      );
  }

  /** The window's page, created at its first use (so a proxy set before loadURL applies). */
  private pageOf(window: HostWindow, firstUrl: string): Promise<Page> {
    window.page ??= this.createPage(window, firstUrl);
    return window.page;
  }

  private async createPage(window: HostWindow, firstUrl: string): Promise<Page> {
    const context = await this.contextFor(window.spec, firstUrl);
    this.ownPagesPending += 1;
    let page: Page;
    try {
      page = await context.newPage();
    } finally {
      this.ownPagesPending -= 1;
    }
    this.byPage.set(page, window);
    await page.setViewportSize({ width: window.spec.width, height: window.spec.height });
    if (this.dark) await page.emulateMedia({ colorScheme: 'dark' });
    await page.exposeBinding(this.binding, (source, message: unknown) =>
      this.fromPage(window, this.schemes.toApp(source.frame.url()), message),
    );
    await page.addInitScript({
      content: pageScript(
        { binding: this.binding, deliver: this.deliver },
        window.spec.preload?.source ?? null,
      ),
    });
    this.watch(window, page);
    window.resolved = page;
    this.emit('window', page);
    return page;
  }

  private watch(window: HostWindow, page: Page): void {
    const id = window.spec.webContentsId;
    const post = (event: ToApp['page.event'][0]): void => {
      if (!window.destroyed || event.event === 'closed') this.link.post('page.event', event);
    };
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame())
        window.lastStatus = { code: response.status(), text: response.statusText() };
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      window.programmatic = null;
      post({
        webContentsId: id,
        event: 'did-navigate',
        url: this.schemes.toApp(frame.url()),
        httpResponseCode: window.lastStatus.code,
        httpStatusText: window.lastStatus.text,
      });
    });
    page.on('domcontentloaded', () => post({ webContentsId: id, event: 'dom-ready' }));
    page.on('load', () => post({ webContentsId: id, event: 'did-finish-load' }));
    page.on('close', () => {
      const closedByApp = window.destroyed;
      window.destroyed = true;
      if (!closedByApp) post({ webContentsId: id, event: 'closed' });
    });
  }

  /** A message from a page's runtime (page-runtime.ts), with the frame that sent it. */
  private async fromPage(window: HostWindow, frameUrl: string, message: unknown): Promise<unknown> {
    const m = message as
      | { kind: 'invoke' | 'send'; channel: string; args: unknown[] }
      | { kind: 'open'; url: string; frameName: string; features: string };
    const webContentsId = window.spec.webContentsId;
    if (m.kind === 'open') {
      const open = { webContentsId, ...m, url: this.schemes.toApp(m.url) };
      await this.link.call('window.open', open).catch(this.report);
      return null;
    }
    if (m.kind === 'send') {
      this.link.post('ipc', {
        webContentsId,
        frameUrl,
        kind: 'send',
        channel: m.channel,
        args: m.args,
      });
      return null;
    }
    const reply = (await this.link.call('ipc', {
      webContentsId,
      frameUrl,
      kind: 'invoke',
      channel: m.channel,
      args: m.args,
    })) as { ok: true; value: unknown } | { ok: false; error: string };
    if (reply.ok) return reply;
    return { ok: false, error: `Error invoking remote method '${m.channel}': ${reply.error}` };
  }

  private async launchBrowser(): Promise<Browser> {
    this.browser ??= chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
    });
    return this.browser;
  }

  private contextFor(spec: WindowSpec, firstUrl: string): Promise<BrowserContext> {
    let context = this.contexts.get(spec.partition);
    if (context === undefined) {
      context = this.createContext(spec.partition, spec.webContentsId, firstUrl);
      this.contexts.set(spec.partition, context);
    }
    return context;
  }

  /**
   * Playwright fixes permissions per context (and origin), so the app's permission handlers are
   * asked once, when the partition's first window loads its first URL, for that URL's origin.
   */
  private async createContext(
    partition: string,
    webContentsId: number,
    requestingUrl: string,
  ): Promise<BrowserContext> {
    const browser = await this.launchBrowser();
    const config = this.config(partition);
    const options: BrowserContextOptions = {
      viewport: null,
      ...(config.proxyRules === null ? {} : { proxy: { server: proxyServer(config.proxyRules) } }),
      ...(config.verifyProc ? { ignoreHTTPSErrors: true } : {}),
    };
    const context = await browser.newContext(options);
    const granted: string[] = [];
    for (const [electronName, playwrightName] of PERMISSIONS) {
      const allowed =
        !config.permissionHandler ||
        (await this.link.call('permission', {
          partition,
          webContentsId,
          permission: electronName,
          requestingUrl,
        }));
      if (allowed) granted.push(playwrightName);
    }
    const pageOrigin = webOrigin(this.schemes.toPage(requestingUrl));
    // With a handler the grant is the requesting origin's alone; without one Electron grants all.
    if (granted.length > 0)
      await context.grantPermissions(
        granted,
        config.permissionHandler && pageOrigin !== null ? { origin: pageOrigin } : {},
      );
    await context.route('**/*', (route) => this.route(partition, route));
    context.on('page', (page) => {
      void this.popup(page);
    });
    return context;
  }

  /** A page the app did not create (target=_blank): offered to setWindowOpenHandler, closed. */
  private async popup(page: Page): Promise<void> {
    if (this.ownPagesPending > 0 || this.byPage.has(page)) return;
    const opener = await page.opener();
    const window = opener === null ? undefined : this.byPage.get(opener);
    await page.waitForURL((url) => url.href !== 'about:blank').catch(() => undefined);
    const url = this.schemes.toApp(page.url());
    await page.close();
    if (window === undefined) return;
    await this.link
      .call('window.open', {
        webContentsId: window.spec.webContentsId,
        url,
        frameName: '',
        features: '',
      })
      .catch(this.report);
  }

  private async route(partition: string, route: Route): Promise<void> {
    const request = route.request();
    let page: Page | null;
    try {
      page = request.frame().page();
    } catch {
      page = null; // a service worker's request
    }
    const window = page === null ? undefined : this.byPage.get(page);
    const url = request.url();
    const appScheme = this.schemes.isStandinOrigin(url);
    if (window === undefined) {
      // Not one of the app's windows (a popup about to be denied): it loads nothing.
      if ((page !== null && request.isNavigationRequest()) || appScheme) {
        await route.abort('aborted');
        return;
      }
      await route.continue();
      return;
    }
    const https = url.startsWith('https:');
    if (
      !appScheme &&
      https &&
      this.config(partition).verifyProc &&
      !(await this.certificateAccepted(partition, url))
    ) {
      await route.abort('failed');
      return;
    }
    const mainFrameNavigation =
      request.isNavigationRequest() && page !== null && request.frame() === page.mainFrame();
    if (!mainFrameNavigation) {
      if (appScheme) await this.schemes.answer(route, partition, this.link);
      else await route.continue();
      return;
    }
    const programmatic = window.programmatic === url;
    window.programmatic = null;
    // Docs, 'will-navigate': for navigations the page starts, not for loadURL.
    if (!programmatic && (await this.prevented(window, 'will-navigate', url))) {
      await route.abort('aborted');
      return;
    }
    if (appScheme) {
      await this.schemes.answer(route, partition, this.link);
      return;
    }
    if (!url.startsWith('http:') && !https) {
      await route.continue();
      return;
    }
    // Chromium follows redirects without asking Playwright, so the host fetches the hop itself
    // to offer it as 'will-redirect' (docs: emitted for server-side redirects, preventable).
    let response: Awaited<ReturnType<Route['fetch']>>;
    try {
      response = await route.fetch({ maxRedirects: 0 });
    } catch {
      // Unreachable host, refused connection: the page shows Chromium's error page.
      await route.abort('failed');
      return;
    }
    const location = response.headers()['location'];
    if (response.status() >= 300 && response.status() < 400 && location !== undefined) {
      const target = new URL(location, url).href;
      if (await this.prevented(window, 'will-redirect', target)) {
        await route.abort('aborted');
        return;
      }
      // The redirect's own navigation is the server's, not the page's: no will-navigate for it.
      window.programmatic = target;
    }
    await route.fulfill({ response });
  }

  private async prevented(
    window: HostWindow,
    event: 'will-navigate' | 'will-redirect',
    url: string,
  ): Promise<boolean> {
    const answer = await this.link.call('navigation', {
      webContentsId: window.spec.webContentsId,
      event,
      url: this.schemes.toApp(url),
    });
    return answer.prevented;
  }

  private certificateAccepted(partition: string, url: string): Promise<boolean> {
    const key = `${partition} ${new URL(url).host}`;
    let verdict = this.certificateVerdicts.get(key);
    if (verdict === undefined) {
      verdict = inspectCertificate(url).then(async (request) => {
        const answer = await this.link.call('certificate', { partition, request });
        // 0 accepts, -3 is Chromium's own verdict, anything else refuses.
        return answer === 0 || (answer === -3 && request.errorCode === 0);
      });
      this.certificateVerdicts.set(key, verdict);
    }
    return verdict;
  }
}

/** `scheme://host[:port]` of an http(s) URL, or null (Playwright grants only to web origins). */
function webOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
