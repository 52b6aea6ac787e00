/**
 * The hardened webPreferences every Jobshell window starts from: sandboxed, context-isolated, no
 * Node in the page or its workers, web security on, no webviews, no drag-and-drop navigation, no
 * middle-click new windows. A window adds only what is its own (a preload, a session partition).
 */
import type { WebPreferences } from 'electron';

export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // Middle-click would ask for new windows; none are allowed anyway, so the feature goes.
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;

/** The hardened preferences plus a window's own (which may not loosen any of them). */
export function hardenedWebPreferences(
  own: Pick<WebPreferences, 'preload' | 'partition'>,
): WebPreferences {
  return { ...own, ...HARDENED_WEB_PREFERENCES };
}
