/**
 * The app's privileged custom schemes (`protocol.handle`) in Chromium. Chromium sends no request
 * for a scheme it does not know (Playwright cannot route `app://…`), so each handled origin
 * `scheme://host` is shown to the page as `https://host.scheme.standin.localhost` (secure, like a
 * `secure` scheme, and loopback by name, so nothing there is reachable if a request escaped) and
 * every request to it is answered by the app's handler, in the default session only, as Electron
 * registers `protocol.handle` there. Every URL the app sees (frame URLs of IPC senders,
 * will-navigate, did-navigate, window.open) is mapped back, so the app's own checks compare real
 * `scheme://` URLs.
 */
import type { Route } from '@playwright/test';
import type { Link } from '../link';
import type { ProtocolResponseWire, ToApp, ToHost } from '../protocol';

const STANDIN_DOMAIN = 'standin.localhost';

export class AppSchemes {
  private readonly schemes = new Set<string>();

  add(scheme: string): void {
    this.schemes.add(scheme);
  }

  /** `app://jobshell/x` → `https://jobshell.app.standin.localhost/x`; other URLs unchanged. */
  toPage(url: string): string {
    const parsed = parse(url);
    const scheme = parsed?.protocol.slice(0, -1);
    if (parsed === null || scheme === undefined || !this.schemes.has(scheme)) return url;
    const port = parsed.port === '' ? '' : `:${parsed.port}`;
    const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    return `https://${parsed.hostname}.${scheme}.${STANDIN_DOMAIN}${port}${rest}`;
  }

  /** The inverse of toPage: what the app would see in Electron. */
  toApp(url: string): string {
    const parsed = parse(url);
    if (parsed === null || !isStandinHost(parsed)) return url;
    const labels = parsed.hostname.slice(0, -STANDIN_DOMAIN.length - 1).split('.');
    const scheme = labels.pop();
    if (scheme === undefined || labels.length === 0 || !this.schemes.has(scheme)) return url;
    const port = parsed.port === '' ? '' : `:${parsed.port}`;
    return `${scheme}://${labels.join('.')}${port}${parsed.pathname}${parsed.search}${parsed.hash}`;
  }

  /** Whether a request goes to a stand-in origin (answered here or refused, never sent on). */
  isStandinOrigin(url: string): boolean {
    const parsed = parse(url);
    return parsed !== null && isStandinHost(parsed);
  }

  /**
   * Answers one request with the app's handler. Outside the default session, or for a scheme
   * nobody handles, the request fails as Chromium fails an unknown scheme.
   */
  async answer(route: Route, partition: string, link: Link<ToApp, ToHost>): Promise<void> {
    const request = route.request();
    const url = this.toApp(request.url());
    if (partition !== '' || url === request.url()) {
      await route.abort('failed');
      return;
    }
    let response: ProtocolResponseWire;
    try {
      response = await link.call('protocol.request', {
        url,
        method: request.method(),
        headers: request.headers(),
        body: request.postDataBuffer(),
      });
    } catch {
      // The handler threw or rejected: the request fails (ERR_UNEXPECTED in Electron).
      await route.abort('failed');
      return;
    }
    await route.fulfill({
      status: response.status,
      headers: { ...response.headers },
      body: Buffer.from(response.body),
    });
  }
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isStandinHost(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname.endsWith(`.${STANDIN_DOMAIN}`);
}
