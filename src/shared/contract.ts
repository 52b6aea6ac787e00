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
  LogUpdate,
  OutputChunk,
  RetryView,
  SessionView,
  Settings,
} from './models';
import type { BroadcastView } from './broadcast-models';
import type { HistoryList } from './history-models';
import {
  id,
  requestSchemas,
  type RequestResults,
  type sessionCredentialSchema,
  type settingsPatchSchema,
} from './contract-requests';
import {
  ContractError,
  toErrorBody,
  type ContractErrorBody,
  type Envelope,
} from './contract-errors';
import * as v from './validate';

export {
  requestSchemas,
  sessionCredentialSchema,
  settingsPatchSchema,
  type RequestResults,
} from './contract-requests';
export {
  ContractError,
  toErrorBody,
  type ContractErrorBody,
  type ContractErrorCode,
  type Envelope,
} from './contract-errors';

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
