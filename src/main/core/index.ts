/**
 * The core's public entry: what the composition roots (Electron main, browser mode, the CLI) and
 * the Electron glue may use. Everything else under core/ is internal to it (the boundary lint
 * keeps those layers to this file).
 */
export type { AppCore } from './app-core';
export {
  composeCore,
  composeTerminals,
  type NetworkAdapters,
  type PlatformDeps,
  type TerminalsDeps,
} from './compose';
export { validateExternalUrl } from './external-url';
export { createStreamLogger } from './logging';
export {
  systemClock,
  type AppDataFiles,
  type Clock,
  type DataFiles,
  type HistoryFileAt,
  type HttpTransport,
  type Logger,
  type LogLevel,
  type NetworkOptions,
  type Notifier,
  type SecretStore,
  type SettingsStore,
  type SignInCookie,
  type TimerHandle,
  type WebSignIn,
} from './ports';
export type { AccountAccess, AccountConnection } from './services';
export type { SocketFactory } from './terminal/socket';
export type { TerminalServiceOptions, TerminalServiceWithStats } from './terminal/terminal-service';
export { createMemorySecretStore, createMemorySettingsStore } from './storage/memory-stores';

// Accounts: cookies, base URLs, credential checks (the CLI checks its one account like the app).
export { normaliseBaseUrl } from './accounts/input/base-url';
export {
  cookieHeaderOf,
  parseCookiesTxt,
  parsePastedCookie,
  SESSION_COOKIE,
} from './accounts/input/cookies';
export {
  checkToken,
  cleanToken,
  identifySession,
  probeGitlab,
} from './accounts/verification/check-before-save';
export { parseCaBundle } from './accounts/input/network-options';

// GitLab and network errors.
export { createGitlabClient, type GitlabClient } from './gitlab/gitlab-client';
export { createRetryService } from './retry/retry-service';
export { FOLLOW_POLL_MS } from './retry/tuning';
export { GitlabError, isGitlabError } from './gitlab/gitlab-error';
export { mayCarryCredentials } from './net/credential-scope';
export { NetworkError } from './net/network-error';

// Jobs: discovery rules the CLI's `jobs` command shares with the poller.
export { DEVELOPER_ACCESS, type WebJobAnswer } from './jobs/availability';
export { buildJobViews } from './jobs/job-list';
export { findLaunchAction, findLaunchUrl } from './jobs/launch-url';
export { projectFacts, webJobAnswer, type TerminalChecks } from './jobs/terminal-checks';
export { JOBS_PER_PAGE, MAX_IN_FLIGHT_PER_INSTANCE, MAX_WATCHED_PROJECTS } from './jobs/tuning';
export { applyListed, newProject, type WatchedProject } from './jobs/watched-project';

// Hold: words, reminders and the tray model shared by the tray, the toasts and the CLI.
export { finishedWords, formatRemaining } from './hold/hold-text';
export { REMINDERS_BEFORE_DEADLINE_MS, type HoldFeature } from './hold/hold-tracker';
export { notificationText } from './hold/notification-text';
export { deriveTray, type TrayIcon, type TrayMenuItem, type TrayModel } from './hold/tray-model';

// Settings and terminal helpers.
export { DEFAULT_SETTINGS } from './settings/settings-rules';
export { toContractError } from './terminal/job-facts';
export { parseJobUrl, parseUrl } from './terminal/job-url';
export { HISTORY_FILE_NAME } from './history/history-file';
export { accountLabel } from './history/history-service';
export { createHistoryRecorder, type HistoryRecorder } from './history/history-recorder';
export { createHistoryStore } from './history/history-store';
export type { HoldTracker } from './hold/hold-seam';
