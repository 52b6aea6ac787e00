/**
 * Closing the window keeps Jobshell (and its terminals) running in the tray; the first time, a
 * notification says so, once per installation.
 */
import type { BrowserWindow } from 'electron';
import type { Notifier, SettingsStore } from '../core';

const TOLD_ABOUT_TRAY = 'toldAboutTray';

/** Hides `window` instead of closing it unless the app is quitting; tells about the tray once. */
export function hideToTrayOnClose(
  window: BrowserWindow,
  deps: {
    readonly isQuitting: () => boolean;
    readonly store: SettingsStore;
    readonly notifier: Notifier;
  },
): void {
  window.on('close', (event) => {
    if (deps.isQuitting()) return;
    event.preventDefault();
    window.hide();
    if (deps.store.read(TOLD_ABOUT_TRAY) === true) return;
    deps.store.write(TOLD_ABOUT_TRAY, true);
    deps.notifier.show({
      id: 'tray-hint',
      kind: 'summary',
      title: 'Jobshell is still running',
      body: 'Jobshell keeps running in the tray, with your terminals. Quit it from the tray menu.',
      sessionId: null,
      actions: [],
    });
  });
}
