/**
 * The services and platform hooks AppCore is composed of (compose.ts builds them; tests hand in
 * doubles). Kept apart so the request handlers can name them without importing AppCore itself.
 */
import type { AppInfo } from '../../shared/models';
import type { Broadcaster } from './broadcast/broadcaster';
import type { HistoryService } from './history/history-service';
import type { Notifier } from './ports';
import type { RetryService } from './retry/retry-service';
import type { AccountsService, JobsService, TerminalService } from './services';
import type { SettingsService } from './settings/settings-service';

export interface AppCoreDeps {
  /** Read on every request: secret storage can change at the user's choice. */
  readonly info: () => AppInfo;
  /** Switches secrets to the unencrypted file; null where that choice does not exist. */
  readonly allowUnencryptedSecrets: (() => Promise<void>) | null;
  readonly accounts: AccountsService;
  readonly jobs: JobsService;
  readonly terminals: TerminalService;
  readonly settings: SettingsService;
  readonly notifier: Notifier;
  /** Opens an already validated http(s) URL in the user's browser. */
  readonly openExternal: (url: string) => Promise<void>;
  /** Retry with terminal; absent where it is not composed (its requests then say so). */
  readonly retries?: RetryService;
  /** Attach history (issue 15). */
  readonly history: HistoryService;
  /** Broadcast input (issue 15): every keystroke goes through it to the terminals. */
  readonly broadcast: Broadcaster;
}
