/**
 * The one contract between the renderer and the core. Both transports (Electron IPC and the
 * browser-mode WebSocket), the preload and the renderer's bridge are derived from these tables.
 *
 * - requests: renderer asks, core answers (or fails with a ContractErrorBody);
 * - notifications: renderer tells, no answer (keystrokes, acks: the hot path);
 * - events: core pushes.
 */
import type { JobTerminalsSnapshot } from './job-terminal';
import type {
  AccountJobs,
  AccountView,
  AppInfo,
  AppNotification,
  CertificateInfo,
  LogUpdate,
  NotificationOutcome,
  OutputChunk,
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

const id = v.string({ min: 1, max: 200 });
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

/** Largest single keystroke/paste message; the core chunks pastes further for the runner. */
export const MAX_INPUT_MESSAGE = 1_048_576;

export const notificationSchemas = {
  'terminal.input': v.object({ sessionId: id, data: v.string({ max: MAX_INPUT_MESSAGE }) }),
  /** A paste: the core sanitises it, wraps it when the shell asked for bracketed paste, and chunks it. */
  'terminal.paste': v.object({
    sessionId: id,
    data: v.string({ max: MAX_INPUT_MESSAGE }),
    bracketed: v.boolean,
  }),
  'terminal.ack': v.object({ sessionId: id, bytes: v.integer({ min: 0, max: 1 << 30 }) }),
  'app.visibility': v.object({ visible: v.boolean, focused: v.boolean }),
  /**
   * A paste typed into a broadcast: the core types it into every live target, each wrapped in
   * bracketed-paste markers by that target's own mode (which only its xterm knows).
   */
  'broadcast.paste': v.object({
    sessionId: id,
    data: v.string({ max: MAX_INPUT_MESSAGE }),
    bracketed: v.array(v.object({ sessionId: id, bracketed: v.boolean }), { max: 200 }),
  }),
} as const;

export interface EventPayloads {
  'app.changed': AppInfo;
  'accounts.changed': readonly AccountView[];
  'jobs.changed': readonly AccountJobs[];
  'sessions.changed': readonly SessionView[];
  /** One flush of terminal output for every session that produced some. */
  'terminal.output': readonly OutputChunk[];
  'log.update': LogUpdate;
  notification: AppNotification;
  /** Bring this session's tab to the front (notification click, tray menu, open-from-URL). */
  'session.focus': { readonly sessionId: string };
  'settings.changed': Settings;
  /** The job terminal model after a change; a higher `version` is newer. */
  'jobTerminals.changed': JobTerminalsSnapshot;
  /** Every retry with terminal in progress or recently ended. */
  'retries.changed': readonly RetryView[];
  'history.changed': HistoryList;
  'broadcast.changed': BroadcastView;
}

export type RequestName = keyof typeof requestSchemas;
export type RequestParams<M extends RequestName> = v.Infer<(typeof requestSchemas)[M]>;
export type RequestResult<M extends RequestName> = RequestResults[M];
export type NotificationName = keyof typeof notificationSchemas;
export type NotificationParams<N extends NotificationName> = v.Infer<
  (typeof notificationSchemas)[N]
>;
export type EventName = keyof EventPayloads;
export type EventPayload<E extends EventName> = EventPayloads[E];

export type SessionCredential = v.Infer<typeof sessionCredentialSchema>;
export type SettingsPatch = v.Infer<typeof settingsPatchSchema>;

export const requestNames = Object.keys(requestSchemas) as readonly RequestName[];
export const notificationNames = Object.keys(notificationSchemas) as readonly NotificationName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}

export function isNotificationName(name: unknown): name is NotificationName {
  return typeof name === 'string' && Object.hasOwn(notificationSchemas, name);
}

/** Error codes a request can fail with; each comes with a sentence for the user. */
export type ContractErrorCode =
  | 'invalid-message'
  | 'bad-input'
  | 'not-found'
  | 'auth'
  | 'network'
  | 'unavailable'
  | 'conflict'
  | 'internal';

export interface ContractErrorBody {
  readonly code: ContractErrorCode;
  readonly message: string;
}

export type Envelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ContractErrorBody };

/** Thrown by core services with a message meant for the user; transports carry it across intact. */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** What every transport does with an inbound request: validate, then hand it on typed. */
export function parseRequest(
  method: unknown,
  params: unknown,
): { ok: true; method: RequestName; params: unknown } | { ok: false; error: ContractErrorBody } {
  if (!isRequestName(method)) {
    return {
      ok: false,
      error: { code: 'invalid-message', message: `Unknown request ${JSON.stringify(method)}` },
    };
  }
  const result = requestSchemas[method].check(params, 'params');
  if (!result.ok) return { ok: false, error: { code: 'invalid-message', message: result.error } };
  return { ok: true, method, params: result.value };
}

export function parseNotification(
  name: unknown,
  params: unknown,
): { ok: true; name: NotificationName; params: unknown } | { ok: false; error: string } {
  if (!isNotificationName(name))
    return { ok: false, error: `Unknown notification ${JSON.stringify(name)}` };
  const result = notificationSchemas[name].check(params, 'params');
  return result.ok ? { ok: true, name, params: result.value } : { ok: false, error: result.error };
}

/** Turns anything thrown by the core into a body safe to send: internal details stay in main. */
export function toErrorBody(error: unknown): ContractErrorBody {
  if (error instanceof ContractError) return { code: error.code, message: error.message };
  return {
    code: 'internal',
    message: 'Something went wrong inside Jobshell; see the log for details.',
  };
}

/**
 * The core as both transports see it: validated requests in, events out. AppCore implements it;
 * transports never call services directly.
 */
export interface CoreEndpoint {
  request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>>;
  notify<N extends NotificationName>(name: N, params: NotificationParams<N>): void;
  subscribe(listener: EventListener): () => void;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What both transports do with an inbound request: validate it, run it, and wrap the outcome in
 * an envelope. `onInternalError` sees unexpected failures (the user only gets a generic sentence).
 */
export async function dispatchRequest(
  core: CoreEndpoint,
  method: unknown,
  params: unknown,
  onInternalError: (error: unknown, method: string) => void,
): Promise<Envelope<unknown>> {
  const parsed = parseRequest(method, params);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  try {
    return { ok: true, value: await core.request(parsed.method, parsed.params as never) };
  } catch (error) {
    if (!(error instanceof ContractError)) onInternalError(error, parsed.method);
    return { ok: false, error: toErrorBody(error) };
  }
}

/** Validates and delivers a notification; returns the validation error, if any. */
export function dispatchNotification(
  core: CoreEndpoint,
  name: unknown,
  params: unknown,
): string | null {
  const parsed = parseNotification(name, params);
  if (!parsed.ok) return parsed.error;
  core.notify(parsed.name, parsed.params as never);
  return null;
}
