/**
 * `dialog`, `shell`, `powerMonitor` and `nativeTheme`: what the OS would show or do is recorded
 * with the host; the test answers dialogs and emits power and theme events.
 */
import { EventEmitter } from 'node:events';
import { hasHost, hostLink } from './host-link';
import { guarded } from './unsupported';

interface MessageBoxOptions {
  readonly type?: string;
  readonly message: string;
  readonly detail?: string;
  readonly buttons?: readonly string[];
}

let nextDialog = 1;

/** Docs, dialog.showMessageBox([window, ]options): resolves {response, checkboxChecked}. */
function showMessageBox(
  first: MessageBoxOptions | object,
  second?: MessageBoxOptions,
): Promise<{ response: number; checkboxChecked: boolean }> {
  const options = (second ?? first) as MessageBoxOptions;
  return hostLink().call('dialog', {
    id: nextDialog++,
    type: options.type ?? 'none',
    message: options.message,
    detail: options.detail ?? '',
    // Docs: "buttons … an empty array will result in one button labeled 'OK'".
    buttons:
      options.buttons === undefined || options.buttons.length === 0 ? ['OK'] : options.buttons,
  });
}

export const dialog = guarded('dialog', { showMessageBox });

export const shell = guarded('shell', {
  /** Docs, shell.openExternal(url): the OS's default handler opens it; recorded for the test. */
  openExternal: async (url: string): Promise<void> => {
    await hostLink().call('shell.openExternal', { url });
  },
});

/**
 * Docs, powerMonitor: events 'suspend', 'resume', 'lock-screen', 'unlock-screen',
 * 'on-ac', 'on-battery', 'shutdown'; the test emits them.
 */
export const powerMonitorImpl = new EventEmitter();
export const powerMonitor = guarded('powerMonitor', powerMonitorImpl);

class StandinNativeTheme extends EventEmitter {
  private source: 'system' | 'light' | 'dark' = 'system';
  private systemDark = false;

  /** Docs: whether the OS (or themeSource) asks for a dark UI. */
  get shouldUseDarkColors(): boolean {
    return this.source === 'system' ? this.systemDark : this.source === 'dark';
  }

  get shouldUseHighContrastColors(): boolean {
    return false;
  }

  get themeSource(): 'system' | 'light' | 'dark' {
    return this.source;
  }

  /** Docs: setting themeSource changes prefers-color-scheme in every page, and emits 'updated'. */
  set themeSource(source: 'system' | 'light' | 'dark') {
    this.source = source;
    this.changed();
  }

  /** The OS switched between light and dark (test control). */
  setSystemDark(dark: boolean): void {
    this.systemDark = dark;
    this.changed();
  }

  private changed(): void {
    if (hasHost()) hostLink().post('theme', { dark: this.shouldUseDarkColors });
    this.emit('updated');
  }
}

export const nativeThemeImpl = new StandinNativeTheme();
export const nativeTheme = guarded('nativeTheme', nativeThemeImpl);
