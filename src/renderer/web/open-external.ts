/**
 * Opening a web address for the user. In the desktop app main opens it in the default browser
 * (it validates again). In browser mode the page is already in the user's browser, so it opens a
 * new tab itself: the core may run on another machine or as a service without a desktop, where
 * its `xdg-open` would do nothing visible. Only http(s) without user:password@ is opened (F15).
 */
import { ContractError } from '../../shared/contract';
import type { Bridge } from '../bridge/bridge';
import { checkLink } from '../terminal/xterm/link-policy';

/** Opens `raw` for the user; rejects with a sentence to show when it cannot. */
export async function openExternal(bridge: Bridge, raw: string): Promise<void> {
  const check = checkLink(raw);
  if (!check.ok) throw new ContractError('bad-input', check.reason);
  if (bridge.kind === 'electron') {
    await bridge.request('shell.openExternal', { url: check.url });
    return;
  }
  openInNewTab(check.url);
}

/**
 * A new browser tab with no way back to this page (`opener` cut before it navigates, as
 * `noopener` would, but keeping the handle that tells whether a pop-up blocker stopped it).
 */
export function openInNewTab(url: string): void {
  const opened = window.open('about:blank', '_blank');
  if (opened === null) {
    throw new ContractError(
      'unavailable',
      `Your browser blocked the new tab. Allow pop-ups for this page, or open ${url} yourself.`,
    );
  }
  opened.opener = null;
  opened.location.replace(url);
}
