/**
 * Builds the whole core from a platform's implementations of the ports. Electron, browser mode
 * and the tests call this; only the ports differ between them.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AppInfo } from '../../shared/models';
import { createAccountsService } from './accounts/accounts-service';
import { createAppCore, type AppCore } from './app-core';
import { createBroadcaster } from './broadcast/broadcaster';
import { createHistoryService } from './history/history-service';
import { createAutoTranscripts } from './transcripts/auto-transcripts';
import { createHoldFeature } from './hold/hold-tracker';
import { createJobsService } from './jobs/jobs-service';
import { createNodeHttpTransport } from './net/node-http-transport';
import {
  systemClock,
  type Clock,
  type HttpTransport,
  type Logger,
  type Notifier,
  type SecretStore,
  type SettingsStore,
  type WebSignIn,
} from './ports';
import { createSettingsService } from './settings/settings-service';
import { createTerminalService, type TerminalServiceOptions } from './terminal/terminal-service';

export interface PlatformDeps {
  readonly version: string;
  readonly mode: AppInfo['mode'];
  readonly platform: string;
  readonly secrets: SecretStore;
  readonly store: SettingsStore;
  readonly logger: Logger;
  readonly notifier: Notifier;
  readonly webSignIn: WebSignIn | null;
  readonly openExternal: (url: string) => Promise<void>;
  readonly http?: HttpTransport;
  readonly clock?: Clock;
  /** Test and benchmark hooks into terminal timing (heartbeat etc.); production uses defaults. */
  readonly terminalOptions?: TerminalServiceOptions;
  /** The attach history's file (issue 15); absent keeps it in memory for this run only. */
  readonly historyPath?: string;
}

/** Creates every service and the contract endpoint over them. */
export function composeCore(platform: PlatformDeps): AppCore {
  const http = platform.http ?? createNodeHttpTransport();
  const clock = platform.clock ?? systemClock;
  const { logger } = platform;
  const settings = createSettingsService(platform.store);
  const accounts = createAccountsService({
    http,
    secrets: platform.secrets,
    settings: platform.store,
    clock,
    logger,
    webSignIn: platform.webSignIn,
  });
  const optIn = platform.secrets.optInToUnencrypted ?? null;
  const hold = createHoldFeature({ clock, logger, settings: () => settings.get() });
  const transcripts = createAutoTranscripts(
    platform.store,
    platform.historyPath === undefined
      ? join(homedir(), 'jobshell-transcripts')
      : join(dirname(platform.historyPath), 'transcripts'),
  );
  const history = createHistoryService({
    path: platform.historyPath ?? null,
    clock,
    logger,
    accounts: () => accounts.list(),
    jobs: () => jobs.snapshot(),
    transcripts,
    saveTranscripts: (view, startedAt) =>
      transcripts.save(view, startedAt, (format) => {
        try {
          return terminals.transcript(view.id, format);
        } catch {
          return null; // The tab is already gone.
        }
      }),
  });
  const terminals = createTerminalService({
    accounts,
    http,
    clock,
    logger,
    settings: () => settings.get(),
    version: platform.version,
    holdTracker: history.wrapHoldTracker(hold.tracker),
    holdNotifications: hold.onNotification,
    ...(platform.terminalOptions ?? {}),
  });
  const jobs = createJobsService({ accounts, http, clock, logger, settings: platform.store });
  const core = createAppCore({
    info: () => ({
      version: platform.version,
      mode: platform.mode,
      platform: platform.platform,
      secretStorage: platform.secrets.info,
      unencryptedOptIn: optIn !== null && platform.secrets.info.kind === 'memory',
      webSignIn: platform.webSignIn !== null,
    }),
    allowUnencryptedSecrets: optIn,
    accounts,
    jobs,
    terminals,
    settings,
    notifier: platform.notifier,
    openExternal: platform.openExternal,
    history,
    broadcast: createBroadcaster(terminals, () => terminals.list()),
  });
  return {
    ...core,
    start: async () => {
      await history.start(terminals);
      await core.start();
    },
    dispose: async () => {
      await history.finish();
      await core.dispose();
      hold.dispose();
    },
  };
}
