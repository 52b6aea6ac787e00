/**
 * Builds the core from a platform's implementations of the ports. Electron, browser mode, the CLI
 * and the tests call this; only the ports differ between them (Node's network adapters come from
 * src/main/node, never imported here).
 */
import type { AppInfo, CertificateInfo, SessionView, Settings } from '../../shared/models';
import { createAccountsService } from './accounts/accounts-service';
import { createAppCore, type AppCore } from './app-core';
import { createHoldFeature, type HoldFeature } from './hold/hold-tracker';
import { createBroadcaster } from './broadcast/broadcaster';
import {
  createHistoryService,
  type HistoryService,
  type HistoryServiceDeps,
} from './history/history-service';
import { createAutoTranscripts } from './transcripts/auto-transcripts';
import { createJobsService } from './jobs/jobs-service';
import {
  systemClock,
  type AppDataFiles,
  type Clock,
  type HttpTransport,
  type Logger,
  type NetworkOptions,
  type Notifier,
  type SecretStore,
  type SettingsStore,
  type WebSignIn,
} from './ports';
import { createRetryService } from './retry/retry-service';
import type { AccountAccess } from './services';
import { createSettingsService } from './settings/settings-service';
import type { HoldTracker } from './hold/hold-seam';
import type { SocketFactory } from './terminal/socket';
import {
  createTerminalService,
  type TerminalServiceOptions,
  type TerminalServiceWithStats,
} from './terminal/terminal-service';

/** The network as the core uses it; src/main/node implements it over Node's http/tls and `ws`. */
export interface NetworkAdapters {
  readonly http: HttpTransport;
  readonly createSocket: SocketFactory;
  readonly inspectCertificate: (
    url: string,
    network: NetworkOptions,
    clock: Clock,
  ) => Promise<CertificateInfo>;
}

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
  readonly network: NetworkAdapters;
  readonly clock?: Clock;
  /** Test and benchmark hooks into terminal timing (heartbeat etc.); production uses defaults. */
  readonly terminalOptions?: TerminalServiceOptions;
  /**
   * The attach history's file and the default transcripts folder (issue 15), chosen by the
   * composition root; absent keeps the history in memory for this run, without transcripts.
   */
  readonly dataFiles?: AppDataFiles;
}

/** What the app says about itself; read on every request (secret storage can change). */
function appInfo(platform: PlatformDeps): AppInfo {
  const optIn = platform.secrets.optInToUnencrypted ?? null;
  return {
    version: platform.version,
    mode: platform.mode,
    platform: platform.platform,
    secretStorage: platform.secrets.info,
    unencryptedOptIn: optIn !== null && platform.secrets.info.kind === 'memory',
    webSignIn: platform.webSignIn !== null,
  };
}

/**
 * The attach history (issue 15), with automatic transcripts when the composition root chose
 * where files go. `live` reads services made after it: they are only asked once sessions end.
 */
function composeHistory(
  platform: PlatformDeps,
  clock: Clock,
  live: {
    readonly accounts: HistoryServiceDeps['accounts'];
    readonly jobs: HistoryServiceDeps['jobs'];
    readonly transcript: TerminalServiceWithStats['transcript'];
  },
): HistoryService {
  const data = platform.dataFiles ?? null;
  const transcripts =
    data === null
      ? null
      : createAutoTranscripts(platform.store, data.files, data.transcriptsFolder);
  return createHistoryService({
    file: data,
    clock,
    logger: platform.logger,
    accounts: live.accounts,
    jobs: live.jobs,
    ...(transcripts === null
      ? {}
      : {
          transcripts,
          saveTranscripts: (view: SessionView, startedAt: number) =>
            transcripts.save(view, startedAt, (format) => {
              try {
                return live.transcript(view.id, format);
              } catch {
                return null; // The tab is already gone.
              }
            }),
        }),
  });
}

/** Creates every service and the contract endpoint over them. */
export function composeCore(platform: PlatformDeps): AppCore {
  const { network, logger } = platform;
  const { http } = network;
  const clock = platform.clock ?? systemClock;
  const settings = createSettingsService(platform.store);
  const accounts = createAccountsService({
    http,
    secrets: platform.secrets,
    settings: platform.store,
    clock,
    logger,
    webSignIn: platform.webSignIn,
    inspectCertificate: (url, options) => network.inspectCertificate(url, options, clock),
  });
  const optIn = platform.secrets.optInToUnencrypted ?? null;
  const history = composeHistory(platform, clock, {
    accounts: () => accounts.list(),
    jobs: () => jobs.snapshot(),
    transcript: (sessionId, format) => terminals.transcript(sessionId, format),
  });
  const { terminals, hold } = composeTerminals({
    accounts,
    network,
    clock,
    logger,
    settings: () => settings.get(),
    version: platform.version,
    wrapHoldTracker: (tracker) => history.wrapHoldTracker(tracker),
    ...(platform.terminalOptions === undefined ? {} : { options: platform.terminalOptions }),
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
    info: () => appInfo(platform),
    allowUnencryptedSecrets: optIn,
    accounts,
    jobs,
    terminals,
    settings,
    notifier: platform.notifier,
    openExternal: platform.openExternal,
    retries,
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

export interface TerminalsDeps {
  readonly accounts: AccountAccess;
  readonly network: Pick<NetworkAdapters, 'http' | 'createSocket'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: () => Settings;
  readonly version: string;
  readonly options?: TerminalServiceOptions;
  /** Lets the attach history see who released a hold (it wraps the tracker's release). */
  readonly wrapHoldTracker?: (tracker: HoldTracker) => HoldTracker;
}

/**
 * The terminal service with the hold feature watching its sessions: the app and the CLI
 * (`jobshell attach`) both run terminals through this one wiring.
 */
export function composeTerminals(deps: TerminalsDeps): {
  readonly terminals: TerminalServiceWithStats;
  readonly hold: HoldFeature;
} {
  const { clock, logger, settings } = deps;
  const hold = createHoldFeature({ clock, logger, settings });
  const terminals = createTerminalService({
    accounts: deps.accounts,
    http: deps.network.http,
    createSocket: deps.network.createSocket,
    clock,
    logger,
    settings,
    version: deps.version,
    holdTracker: deps.wrapHoldTracker?.(hold.tracker) ?? hold.tracker,
    holdNotifications: hold.onNotification,
    ...(deps.options ?? {}),
  });
  return { terminals, hold };
}
