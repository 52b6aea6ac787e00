/**
 * Accounts: adding (every check passes before anything is saved), signing in again, tokens,
 * network settings, removal, and the live state other services read through AccountAccess.
 */
import { randomUUID } from 'node:crypto';
import {
  ContractError,
  type RequestParams,
  type SessionCredential,
} from '../../../shared/contract';
import type { AccountState, AccountView, CertificateInfo } from '../../../shared/models';
import { inspectCertificate as inspectOverNetwork } from '../net/socket-options';
import type {
  Clock,
  HttpTransport,
  Logger,
  NetworkOptions,
  SecretStore,
  SettingsStore,
  TimerHandle,
  WebSignIn,
} from '../ports';
import { DIRECT_NETWORK } from '../ports';
import type {
  AccountConnection,
  AccountsService,
  AuthFailureSource,
  Unsubscribe,
} from '../services';
import { checkAccount, type CheckVerdict } from './account-checker';
import { commitChanges, type SecretChange } from './account-persistence';
import {
  ACCOUNTS_SETTINGS_KEY,
  cookieKey,
  readRecords,
  tokenKey,
  type AccountRecord,
} from './account-record';
import { effectiveState, nextTimeChange, toView, type AccountRuntime } from './account-view';
import { normaliseBaseUrl } from './base-url';
import { checkSignInCookies, cookieHeaderOf, parseCookiesTxt, parsePastedCookie } from './cookies';
import {
  checkToken,
  cleanToken,
  identifySession,
  probeGitlab,
  type Identity,
  type Target,
} from './credential-checks';
import { applyNetworkInput } from './network-config';
import { parseColor, pickColor } from './palette';

/** First retry of an account that could not be checked; network blips usually pass within seconds. */
export const RECHECK_INITIAL_MS = 15_000;
/** Longest wait between retries: an offline laptop must not poll, but must notice it is back. */
export const RECHECK_MAX_MS = 10 * 60_000;
/**
 * After an API 401 turned out not to be the credentials' fault, a second 401 this soon keeps the
 * account expired instead of re-checking, so a flapping server cannot cause a sign-in loop.
 */
export const RESTORE_GUARD_MS = 5 * 60_000;
/**
 * Longest sleep of the timer that refreshes views when a token's expiry approaches: a laptop that
 * slept past the planned instant catches up within this time.
 */
export const VIEW_REFRESH_MAX_MS = 6 * 3_600_000;

export interface AccountsDeps {
  readonly http: HttpTransport;
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly webSignIn: WebSignIn | null;
  /** Certificate inspection; defaults to a real TLS handshake. */
  readonly inspectCertificate?: (url: string, network: NetworkOptions) => Promise<CertificateInfo>;
  readonly newId?: () => string;
}

interface Entry {
  readonly record: AccountRecord;
  readonly cookieHeader: string | null;
  readonly token: string | null;
  readonly state: AccountState;
  readonly problem: string | null;
  readonly attempt: number;
  readonly restoredAt: number | null;
}

/** Creates the accounts service; call start() to load stored accounts. */
export function createAccountsService(deps: AccountsDeps): AccountsService {
  const { http, clock, logger } = deps;
  const newId = deps.newId ?? randomUUID;
  const inspect =
    deps.inspectCertificate ?? ((url, network) => inspectOverNetwork(url, network, { clock }));
  const entries = new Map<string, Entry>();
  const changeListeners = new Set<(accounts: readonly AccountView[]) => void>();
  const connectionListeners = new Set<() => void>();
  const timers = new Map<string, TimerHandle>();
  const checking = new Set<string>();
  let lastSignature = '';
  let refreshTimer: TimerHandle | null = null;
  let disposed = false;
  let queue: Promise<unknown> = Promise.resolve();

  /** Commits run one at a time, so a duplicate check and its save see the same list. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const persistence = { secrets: deps.secrets, settings: deps.settings, logger };
  const records = (): AccountRecord[] => [...entries.values()].map((entry) => entry.record);
  const targetOf = (record: AccountRecord): Target => ({
    http,
    baseUrl: record.baseUrl,
    network: record.network,
  });
  const stateOf = (entry: Entry): AccountState =>
    effectiveState(entry.record, runtimeOf(entry), clock.now());
  const viewOf = (entry: Entry): AccountView => toView(entry.record, runtimeOf(entry), clock.now());
  const list = (): readonly AccountView[] => [...entries.values()].map(viewOf);

  const connectionOf = (entry: Entry): AccountConnection | null => {
    const state = stateOf(entry);
    if (state === 'session-expired' || entry.cookieHeader === null) return null;
    // An expired token is left out: the session cookie still reads the API.
    const token = state === 'token-expired' ? null : entry.token;
    const { record } = entry;
    return {
      accountId: record.id,
      baseUrl: record.baseUrl,
      userId: record.userId,
      username: record.username,
      cookieHeader: entry.cookieHeader,
      token,
      tokenScopes: token === null ? [] : (record.token?.scopes ?? []),
      network: record.network,
    };
  };
  const connections = (): readonly AccountConnection[] =>
    [...entries.values()].map(connectionOf).filter((connection) => connection !== null);

  /** Tells listeners; connection listeners only when what a connection carries changed. */
  const emit = (): void => {
    if (disposed) return;
    const views = list();
    for (const listener of changeListeners) listener(views);
    scheduleTimeRefresh();
    // Kept in memory only (it contains credentials): compared, never logged or sent.
    const signature = JSON.stringify(connections());
    if (signature === lastSignature) return;
    lastSignature = signature;
    for (const listener of connectionListeners) listener();
  };

  /** Token warnings and expiry depend on the date: emit again when time alone changes a view. */
  const scheduleTimeRefresh = (): void => {
    if (refreshTimer !== null) clock.clearTimeout(refreshTimer);
    refreshTimer = null;
    const now = clock.now();
    const next = nextTimeChange(records(), now);
    if (next === null) return;
    refreshTimer = clock.setTimeout(
      () => {
        refreshTimer = null;
        emit();
      },
      Math.min(next - now, VIEW_REFRESH_MAX_MS),
    );
  };

  const put = (id: string, patch: Partial<Entry>): Entry | null => {
    const entry = entries.get(id);
    if (entry === undefined) return null;
    const next = { ...entry, ...patch };
    entries.set(id, next);
    return next;
  };

  const requireEntry = (accountId: string): Entry => {
    const entry = entries.get(accountId);
    if (entry === undefined) throw new ContractError('not-found', 'This account no longer exists.');
    return entry;
  };

  const cancelRecheck = (id: string): void => {
    const timer = timers.get(id);
    if (timer === undefined) return;
    clock.clearTimeout(timer);
    timers.delete(id);
  };

  const scheduleRecheck = (id: string, attempt: number): void => {
    cancelRecheck(id);
    if (disposed) return;
    const delay = Math.min(RECHECK_INITIAL_MS * 2 ** Math.max(attempt - 1, 0), RECHECK_MAX_MS);
    timers.set(
      id,
      clock.setTimeout(() => {
        timers.delete(id);
        void runCheck(id, false);
      }, delay),
    );
  };

  const applyVerdict = (id: string, verdict: CheckVerdict, restoring: boolean): void => {
    const entry = entries.get(id);
    if (entry === undefined) return;
    logger.log(verdict.kind === 'signed-in' ? 'info' : 'warn', 'account checked', {
      accountId: id,
      host: new URL(entry.record.baseUrl).host,
      state: verdict.kind,
    });
    switch (verdict.kind) {
      case 'signed-in': {
        const record =
          verdict.token === null ? entry.record : { ...entry.record, token: verdict.token };
        if (record !== entry.record) saveQuietly(id, record);
        put(id, {
          record,
          state: 'signed-in',
          problem: null,
          attempt: 0,
          restoredAt: restoring ? clock.now() : entry.restoredAt,
        });
        break;
      }
      case 'token-expired':
        put(id, {
          state: 'token-expired',
          problem: verdict.problem,
          attempt: 0,
          restoredAt: restoring ? clock.now() : entry.restoredAt,
        });
        break;
      case 'session-expired':
        put(id, { state: 'session-expired', problem: verdict.problem, attempt: 0 });
        break;
      case 'offline': {
        const attempt = entry.attempt + 1;
        // A report of an auth failure said "stop": being unreachable does not undo that.
        if (!restoring) put(id, { state: 'offline', problem: verdict.problem, attempt });
        scheduleRecheck(id, attempt);
        break;
      }
    }
    emit();
  };

  /** Background check of one account; results for credentials that changed meanwhile are dropped. */
  const runCheck = async (id: string, restoring: boolean): Promise<void> => {
    const entry = entries.get(id);
    if (entry === undefined || checking.has(id) || disposed) return;
    checking.add(id);
    try {
      const stored = {
        userId: entry.record.userId,
        cookieHeader: entry.cookieHeader,
        token: entry.token,
      };
      const verdict = await checkAccount(targetOf(entry.record), stored, clock.now());
      const now = entries.get(id);
      if (now?.cookieHeader !== entry.cookieHeader || now.token !== entry.token) return;
      if (restoring && now.state !== 'session-expired') return;
      // An auth failure reported while this check ran wins over its (older) answer.
      if (!restoring && now.state === 'session-expired' && entry.state !== 'session-expired')
        return;
      applyVerdict(id, verdict, restoring);
    } catch (error) {
      logger.log('error', 'account check crashed', { accountId: id, error: String(error) });
    } finally {
      checking.delete(id);
    }
  };

  const saveQuietly = (id: string, record: AccountRecord): void => {
    void serial(async () => {
      const next = records().map((item) => (item.id === id ? record : item));
      await commitChanges(persistence, [], next);
    }).catch((error: unknown) => {
      logger.log('warn', 'could not save refreshed token details', {
        accountId: id,
        error: String(error),
      });
    });
  };

  const clearWindow = async (id: string): Promise<void> => {
    if (deps.webSignIn === null) return;
    try {
      await deps.webSignIn.clear(id);
    } catch (error) {
      logger.log('warn', 'could not clear the sign-in partition', {
        accountId: id,
        error: String(error),
      });
    }
  };

  /** The session cookies a credential stands for (the sign-in window for 'web-sign-in'). */
  const sessionCookieHeader = async (
    id: string,
    target: Target,
    session: SessionCredential,
  ): Promise<string> => {
    const { baseUrl, network } = target;
    switch (session.kind) {
      case 'cookie':
        return cookieHeaderOf(parsePastedCookie(session.value));
      case 'cookies-txt':
        return cookieHeaderOf(parseCookiesTxt(session.text, baseUrl, clock.now()));
      case 'web-sign-in': {
        if (deps.webSignIn === null) throw noWebSignIn();
        return cookieHeaderOf(
          checkSignInCookies(await deps.webSignIn.signIn(id, baseUrl, network)),
        );
      }
    }
  };

  const add = async (params: RequestParams<'accounts.add'>): Promise<AccountView> => {
    const baseUrl = normaliseBaseUrl(params.baseUrl);
    const network = applyNetworkInput(DIRECT_NETWORK, params, clock.now());
    const chosenColor = params.color === undefined ? null : requireColor(params.color);
    const token = cleanToken(params.token);
    const id = newId();
    const target: Target = { http, baseUrl, network };
    // Pasted cookies are checked for form before anything goes over the network.
    const pasted =
      params.session.kind === 'web-sign-in'
        ? null
        : await sessionCookieHeader(id, target, params.session);
    if (params.session.kind === 'web-sign-in' && deps.webSignIn === null) throw noWebSignIn();
    await probeGitlab(target);
    try {
      const cookieHeader = pasted ?? (await sessionCookieHeader(id, target, params.session));
      const who = await identifySession(target, cookieHeader);
      const tokenMeta = token === null ? null : await checkToken(target, token, who, clock.now());
      return await serial(async () => {
        const duplicate = [...entries.values()].find(
          (entry) => entry.record.baseUrl === baseUrl && entry.record.userId === who.userId,
        );
        if (duplicate !== undefined) {
          throw new ContractError(
            'conflict',
            `@${who.username} on ${new URL(baseUrl).host} is already added, as "${duplicate.record.name}".`,
          );
        }
        const record: AccountRecord = {
          id,
          baseUrl,
          name: cleanName(params.name) ?? `${who.username}@${new URL(baseUrl).host}`,
          color: chosenColor ?? pickColor(records().map((item) => item.color)),
          ...identityFields(who),
          network,
          token: tokenMeta,
        };
        const secrets: SecretChange[] = [{ key: cookieKey(id), value: cookieHeader }];
        if (token !== null) secrets.push({ key: tokenKey(id), value: token });
        await commitChanges(persistence, secrets, [...records(), record]);
        const entry: Entry = {
          record,
          cookieHeader,
          token,
          state: 'signed-in',
          problem: null,
          attempt: 0,
          restoredAt: null,
        };
        entries.set(id, entry);
        logger.log('info', 'account added', {
          accountId: id,
          host: new URL(baseUrl).host,
          username: who.username,
          hasToken: token !== null,
        });
        emit();
        return viewOf(entry);
      });
    } catch (error) {
      // Nothing half-saved: a sign-in window's partition of a refused account goes too.
      if (params.session.kind === 'web-sign-in') await clearWindow(id);
      throw error;
    }
  };

  const signIn = async (accountId: string, session: SessionCredential): Promise<AccountView> => {
    const entry = requireEntry(accountId);
    const { record } = entry;
    const cookieHeader = await sessionCookieHeader(accountId, targetOf(record), session);
    const who = await identifySession(targetOf(record), cookieHeader);
    if (who.userId !== record.userId) {
      if (session.kind === 'web-sign-in') await clearWindow(accountId);
      throw new ContractError(
        'auth',
        `You signed in as @${who.username}, but this account is @${record.username}. Sign in as @${record.username}, or add @${who.username} as another account.`,
      );
    }
    return serial(async () => {
      const current = requireEntry(accountId);
      const next = { ...current.record, ...identityFields(who) };
      await commitChanges(
        persistence,
        [{ key: cookieKey(accountId), value: cookieHeader }],
        replaceRecord(next),
      );
      cancelRecheck(accountId);
      const state = current.state === 'token-expired' ? 'token-expired' : 'signed-in';
      const updated = put(accountId, {
        record: next,
        cookieHeader,
        state,
        problem: state === 'signed-in' ? null : current.problem,
        attempt: 0,
        restoredAt: null,
      });
      logger.log('info', 'account signed in again', {
        accountId,
        host: new URL(record.baseUrl).host,
      });
      emit();
      return viewOf(updated ?? current);
    });
  };

  const setToken = async (accountId: string, input: string | null): Promise<AccountView> => {
    const entry = requireEntry(accountId);
    const token = cleanToken(input);
    const meta =
      token === null
        ? null
        : await checkToken(targetOf(entry.record), token, identityOf(entry.record), clock.now());
    return serial(async () => {
      const current = requireEntry(accountId);
      const next = { ...current.record, token: meta };
      await commitChanges(
        persistence,
        [{ key: tokenKey(accountId), value: token }],
        replaceRecord(next),
      );
      const state = current.state === 'token-expired' ? 'signed-in' : current.state;
      const updated = put(accountId, {
        record: next,
        token,
        state,
        problem: state === current.state ? current.problem : null,
      });
      logger.log('info', token === null ? 'account token removed' : 'account token set', {
        accountId,
      });
      emit();
      return viewOf(updated ?? current);
    });
  };

  const update = async (params: RequestParams<'accounts.update'>): Promise<AccountView> => {
    requireEntry(params.accountId);
    const color = params.color === undefined ? undefined : requireColor(params.color);
    const name = params.name === undefined ? undefined : cleanName(params.name);
    if (params.name !== undefined && name === null)
      throw new ContractError('bad-input', 'The account name cannot be empty.');
    return serial(async () => {
      const current = requireEntry(params.accountId);
      const next = {
        ...current.record,
        name: name ?? current.record.name,
        color: color ?? current.record.color,
      };
      await commitChanges(persistence, [], replaceRecord(next));
      const updated = put(params.accountId, { record: next });
      emit();
      return viewOf(updated ?? current);
    });
  };

  const setNetwork = async (params: RequestParams<'accounts.setNetwork'>): Promise<AccountView> => {
    const entry = requireEntry(params.accountId);
    const network = applyNetworkInput(entry.record.network, params, clock.now());
    // The new settings must reach GitLab before they replace settings that did.
    await probeGitlab({ http, baseUrl: entry.record.baseUrl, network });
    return serial(async () => {
      const current = requireEntry(params.accountId);
      const next = { ...current.record, network };
      await commitChanges(persistence, [], replaceRecord(next));
      const updated = put(params.accountId, { record: next });
      logger.log('info', 'account network settings changed', {
        accountId: params.accountId,
        caCount: network.ca.length,
        proxy: network.proxy !== null,
        pinned: network.pinnedFingerprint !== null,
      });
      emit();
      if (current.state === 'offline') void runCheck(params.accountId, false);
      return viewOf(updated ?? current);
    });
  };

  const remove = async (accountId: string): Promise<void> => {
    requireEntry(accountId);
    await serial(async () => {
      const current = requireEntry(accountId);
      cancelRecheck(accountId);
      await commitChanges(
        persistence,
        [
          { key: cookieKey(accountId), value: null },
          { key: tokenKey(accountId), value: null },
        ],
        records().filter((record) => record.id !== accountId),
      );
      entries.delete(accountId);
      logger.log('info', 'account removed', {
        accountId,
        host: new URL(current.record.baseUrl).host,
      });
      emit();
    });
    if (deps.webSignIn !== null) {
      try {
        await deps.webSignIn.clear(accountId);
      } catch (error) {
        logger.log('error', 'could not clear the sign-in partition', {
          accountId,
          error: String(error),
        });
        throw new ContractError(
          'internal',
          "The account was removed, but its sign-in window's data could not be wiped; restart Jobshell to try again.",
        );
      }
    }
  };

  const replaceRecord = (record: AccountRecord): AccountRecord[] =>
    records().map((item) => (item.id === record.id ? record : item));

  const inspectCertificate = async (baseUrl: string): Promise<CertificateInfo> => {
    const url = normaliseBaseUrl(baseUrl);
    if (!url.startsWith('https:'))
      throw new ContractError(
        'bad-input',
        'Only https:// addresses have a certificate to inspect.',
      );
    const known = [...entries.values()].find((entry) => entry.record.baseUrl === url);
    try {
      return await inspect(url, known?.record.network ?? DIRECT_NETWORK);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ContractError('network', message);
    }
  };

  const start = async (): Promise<void> => {
    const stored = readRecords(deps.settings.read(ACCOUNTS_SETTINGS_KEY), (index) => {
      logger.log('warn', 'skipped an unreadable stored account', { index });
    });
    for (const record of stored) {
      const cookieHeader = await readSecret(deps.secrets, cookieKey(record.id), logger);
      const token =
        record.token === null ? null : await readSecret(deps.secrets, tokenKey(record.id), logger);
      const state: AccountState = cookieHeader === null ? 'session-expired' : 'signed-in';
      entries.set(record.id, {
        record,
        cookieHeader,
        token,
        state,
        problem: null,
        attempt: 0,
        restoredAt: null,
      });
    }
    logger.log('info', 'accounts loaded', { count: entries.size });
    emit();
    for (const id of entries.keys()) void runCheck(id, false);
  };

  const reportAuthFailure = (accountId: string, source: AuthFailureSource): void => {
    const entry = entries.get(accountId);
    if (entry === undefined || stateOf(entry) === 'session-expired') return;
    const usedToken =
      source === 'api' && entry.token !== null && stateOf(entry) !== 'token-expired';
    cancelRecheck(accountId);
    put(accountId, { state: 'session-expired', problem: null });
    logger.log('warn', 'account session expired', { accountId, source });
    emit();
    // A 401 on a token call may be the token's fault alone: if the session still works, keep it.
    const recentlyRestored =
      entry.restoredAt !== null && clock.now() - entry.restoredAt < RESTORE_GUARD_MS;
    if (usedToken && !recentlyRestored) void runCheck(accountId, true);
  };

  return {
    list,
    add,
    signIn,
    setToken,
    update,
    setNetwork,
    remove,
    inspectCertificate,
    start,
    reportAuthFailure,
    connection: (accountId) => {
      const entry = entries.get(accountId);
      return entry === undefined ? null : connectionOf(entry);
    },
    connections,
    findByUrl: (url) => findByUrl(connections(), url),
    onChange: (listener) => subscribe(changeListeners, listener),
    onConnectionsChanged: (listener) => subscribe(connectionListeners, listener),
    dispose: () => {
      disposed = true;
      if (refreshTimer !== null) clock.clearTimeout(refreshTimer);
      for (const id of [...timers.keys()]) cancelRecheck(id);
      changeListeners.clear();
      connectionListeners.clear();
    },
  };
}

/** The signed-in connection whose base URL (origin + relative root) `url` lies under; longest root wins. */
function findByUrl(
  connections: readonly AccountConnection[],
  url: string,
): AccountConnection | null {
  let target: URL;
  try {
    target = new URL(url.trim());
  } catch {
    return null;
  }
  if (target.protocol === 'wss:') target.protocol = 'https:';
  if (target.protocol === 'ws:') target.protocol = 'http:';
  let best: AccountConnection | null = null;
  let bestLength = -1;
  for (const connection of connections) {
    const base = new URL(connection.baseUrl);
    if (base.origin !== target.origin) continue;
    const root = base.pathname.replace(/\/+$/, '');
    const inside = target.pathname === root || target.pathname.startsWith(`${root}/`);
    if (inside && root.length > bestLength) {
      best = connection;
      bestLength = root.length;
    }
  }
  return best;
}

function runtimeOf(entry: Entry): AccountRuntime {
  return {
    state: entry.state,
    hasCookie: entry.cookieHeader !== null,
    hasToken: entry.token !== null,
    problem: entry.problem,
  };
}

function subscribe<T>(set: Set<T>, listener: T): Unsubscribe {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

async function readSecret(
  secrets: SecretStore,
  key: string,
  logger: Logger,
): Promise<string | null> {
  try {
    return await secrets.get(key);
  } catch (error) {
    logger.log('error', 'could not read a stored secret', { key, error: String(error) });
    return null;
  }
}

function identityFields(who: Identity): Pick<AccountRecord, 'userId' | 'username' | 'displayName'> {
  return { userId: who.userId, username: who.username, displayName: who.displayName };
}

function identityOf(record: AccountRecord): Identity {
  return { userId: record.userId, username: record.username, displayName: record.displayName };
}

function cleanName(input: string | undefined): string | null {
  const name = (input ?? '').trim().replace(/\s+/g, ' ');
  return name === '' ? null : name;
}

function requireColor(input: string): string {
  const color = parseColor(input);
  if (color === null)
    throw new ContractError('bad-input', 'The colour must be written as #rrggbb, e.g. #1f75cb.');
  return color;
}

function noWebSignIn(): ContractError {
  return new ContractError(
    'bad-input',
    "Signing in through GitLab's own page needs the desktop app. In browser mode, paste the _gitlab_session cookie or import a cookies.txt file instead.",
  );
}
