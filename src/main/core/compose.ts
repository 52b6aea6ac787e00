/**
 * Builds the whole core from a platform's implementations of the ports. Electron, browser mode
 * and the tests call this; only the ports differ between them.
 */
import type { AppInfo } from '../../shared/models';
import { createAccountsService } from './accounts/accounts-service';
import { createAppCore, type AppCore } from './app-core';
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
import { createRetryService } from './retry/retry-service';
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
  const terminals = createTerminalService({
    accounts,
    http,
    clock,
    logger,
    settings: () => settings.get(),
    version: platform.version,
    holdTracker: hold.tracker,
    holdNotifications: hold.onNotification,
    ...(platform.terminalOptions ?? {}),
  });
  const jobs = createJobsService({
    accounts,
    http,
    clock,
    logger,
    settings: platform.store,
    finishedWindowHours: () => settings.get().finishedJobsHours,
  });
  const retries = createRetryService({
    accounts,
    http,
    clock,
    logger,
    terminals,
    userAgent: `Jobshell/${platform.version}`,
    retried: (accountId, projectId) => {
      jobs.pollSoon(accountId, projectId);
    },
  });
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
    retries,
  });
  return {
    ...core,
    dispose: async () => {
      await core.dispose();
      hold.dispose();
    },
  };
}
