/**
 * The contract's requests (see contract.ts): each request name's parameter schema, checked by
 * every transport on the way in, and the result it answers with. Kept side by side so a request
 * and its answer are read together.
 */
import type { JobTerminalsSnapshot } from './job-terminal';
import type {
  AccountJobs,
  AccountView,
  AppInfo,
  CertificateInfo,
  LogUpdate,
  NotificationOutcome,
  RetryVerdict,
  RetryView,
  SessionView,
  Settings,
  Transcript,
} from './models';
import type { BroadcastView } from './broadcast-models';
import { HISTORY_OUTCOMES, type HistoryList } from './history-models';
import type { TranscriptSettings } from './transcript-settings';
import * as v from './validate';

/** An id (account, session, record): non-empty, bounded. */
export const id = v.string({ min: 1, max: 200 });
const jobId = v.integer({ min: 1 });
const url = v.string({ min: 1, max: 4096 });
/** A pasted token or cookie value: generous but bounded. */
const secret = v.string({ max: 16_384 });

export const sessionCredentialSchema = v.variant({
  /** Electron only: GitLab's own sign-in page in a window of its own. */
  'web-sign-in': v.object({}),
  /** The value of `_gitlab_session` (or a whole `name=value; …` cookie header). */
  cookie: v.object({ value: secret }),
  /** A Netscape cookies.txt export. */
  'cookies-txt': v.object({ text: v.string({ max: 1_048_576 }) }),
});

const networkFields = {
  caPem: v.optional(v.nullable(v.string({ max: 1_048_576 }))),
  proxy: v.optional(v.nullable(v.string({ max: 2048 }))),
  trustFingerprint: v.optional(v.nullable(v.string({ max: 200 }))),
};

export const settingsPatchSchema = v.object({
  theme: v.optional(v.oneOf(['system', 'light', 'dark'])),
  fontSize: v.optional(v.integer()),
  scrollback: v.optional(v.integer()),
  idleThresholdS: v.optional(v.integer()),
  autoReleaseMinutes: v.optional(v.nullable(v.integer())),
  copyOnSelect: v.optional(v.boolean),
  notifications: v.optional(v.boolean),
  startAtLogin: v.optional(v.boolean),
  finishedJobsHours: v.optional(v.integer()),
});

/** A finished job to retry: by ids (list, tab) or by its URL (paste, jobshell:// link). */
const retryTarget = v.variant({
  job: v.object({ accountId: id, projectId: jobId, jobId }),
  url: v.object({ url }),
});

export const requestSchemas = {
  'app.info': v.object({}),
  /** The user's explicit choice to keep secrets in an unencrypted 0600 file (no OS keyring). */
  'app.allowUnencryptedSecrets': v.object({}),
  'settings.get': v.object({}),
  'settings.update': settingsPatchSchema,

  'accounts.list': v.object({}),
  'accounts.add': v.object({
    baseUrl: url,
    name: v.optional(v.string({ max: 100 })),
    color: v.optional(v.string({ max: 20 })),
    session: sessionCredentialSchema,
    token: v.optional(secret),
    ...networkFields,
  }),
  'accounts.signIn': v.object({ accountId: id, session: sessionCredentialSchema }),
  'accounts.setToken': v.object({ accountId: id, token: v.nullable(secret) }),
  'accounts.update': v.object({
    accountId: id,
    name: v.optional(v.string({ max: 100 })),
    color: v.optional(v.string({ max: 20 })),
  }),
  'accounts.setNetwork': v.object({ accountId: id, ...networkFields }),
  'accounts.remove': v.object({ accountId: id }),
  'accounts.inspectCertificate': v.object({ baseUrl: url }),

  'jobs.get': v.object({}),
  'jobs.refresh': v.object({}),
  'jobs.pinProject': v.object({ accountId: id, project: v.string({ min: 1, max: 1000 }) }),
  'jobs.cancel': v.object({ accountId: id, projectId: jobId, jobId }),

  'terminal.open': v.object({
    target: v.variant({
      job: v.object({ accountId: id, projectId: jobId, jobId }),
      url: v.object({ url }),
    }),
  }),
  'terminal.list': v.object({}),
  /** Bring a session's tab to the front (tray menu, desktop notification click). */
  'terminal.focus': v.object({ sessionId: id }),
  'terminal.close': v.object({ sessionId: id }),
  'terminal.reconnect': v.object({ sessionId: id }),
  'terminal.release': v.object({ sessionId: id }),
  'terminal.releaseAllIdle': v.object({}),
  'terminal.keep': v.object({ sessionId: id }),
  'terminal.syncSize': v.object({
    sessionId: id,
    cols: v.integer({ min: 2, max: 1000 }),
    rows: v.integer({ min: 1, max: 1000 }),
  }),
  'terminal.transcript': v.object({ sessionId: id, format: v.oneOf(['text', 'asciicast']) }),
  'terminal.log': v.object({ sessionId: id, follow: v.boolean }),
  /** The one model of every job's terminal (issue 12); `jobTerminals.changed` keeps it current. */
  'jobTerminals.get': v.object({}),

  /** Retry with terminal: the verdict first, then the retry (once per job) and its tab. */
  'retry.check': v.object({ target: retryTarget }),
  'retry.start': v.object({ target: retryTarget, confirmed: v.boolean }),
  'retry.list': v.object({}),

  'notifications.act': v.object({
    notificationId: id,
    action: v.oneOf(['release', 'keep', 'focus']),
  }),
  'shell.openExternal': v.object({ url }),

  // Attach history (issue 15).
  'history.list': v.object({}),
  'history.export': v.object({
    format: v.oneOf(['csv', 'json']),
    filter: v.object({
      account: v.optional(v.string({ max: 1000 })),
      projectPath: v.optional(v.string({ max: 1000 })),
      outcome: v.optional(v.oneOf(HISTORY_OUTCOMES)),
    }),
  }),
  /** A session's automatic transcript, read back from the file it was saved to. */
  'history.transcript': v.object({
    recordId: v.string({ min: 1, max: 300 }),
    format: v.oneOf(['text', 'asciicast']),
  }),
  /** Automatic transcripts: opt-in, folder, redaction rules (each checked, with a clear error). */
  'transcripts.settings': v.object({}),
  'transcripts.update': v.object({
    enabled: v.boolean,
    folder: v.string({ min: 1, max: 4096 }),
    redactions: v.array(v.string({ max: 1000 }), { max: 50 }),
  }),
  /** Removes the account's sessions from the history (asked when the account is removed). */
  'history.removeAccount': v.object({ accountId: id }),

  // Broadcast input to chosen terminals (issue 15): the core fans each keystroke out.
  'broadcast.get': v.object({}),
  /** The whole target list (replaces the previous one); an empty list stops broadcasting. */
  'broadcast.set': v.object({ sessionIds: v.array(id, { max: 200 }) }),
} as const;

export interface RequestResults {
  'app.info': AppInfo;
  'app.allowUnencryptedSecrets': AppInfo;
  'settings.get': Settings;
  'settings.update': Settings;
  'accounts.list': readonly AccountView[];
  'accounts.add': AccountView;
  'accounts.signIn': AccountView;
  'accounts.setToken': AccountView;
  'accounts.update': AccountView;
  'accounts.setNetwork': AccountView;
  'accounts.remove': null;
  'accounts.inspectCertificate': CertificateInfo;
  'jobs.get': readonly AccountJobs[];
  'jobs.refresh': null;
  'jobs.pinProject': null;
  'jobs.cancel': null;
  'terminal.open': { readonly sessionId: string; readonly existed: boolean };
  'terminal.list': readonly SessionView[];
  'terminal.focus': null;
  'terminal.close': null;
  'terminal.reconnect': null;
  'terminal.release': null;
  'terminal.releaseAllIdle': { readonly released: number };
  'terminal.keep': null;
  'terminal.syncSize': null;
  'terminal.transcript': Transcript;
  'terminal.log': LogUpdate | null;
  'jobTerminals.get': JobTerminalsSnapshot;
  'notifications.act': NotificationOutcome;
  'retry.check': RetryVerdict;
  'retry.start': RetryView;
  'retry.list': readonly RetryView[];
  'shell.openExternal': null;
  'history.list': HistoryList;
  'history.export': Transcript;
  'history.transcript': Transcript;
  'transcripts.settings': TranscriptSettings;
  'transcripts.update': TranscriptSettings;
  'history.removeAccount': { readonly removed: number };
  'broadcast.get': BroadcastView;
  'broadcast.set': BroadcastView;
}
