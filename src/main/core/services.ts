/**
 * The services AppCore composes. Each one owns a part of the product; AppCore only routes
 * contract requests to them and forwards their events, so the boundaries stay visible here.
 */
import type { RequestParams, RequestResult, SessionCredential } from '../../shared/contract';
import type {
  AccountJobs,
  AccountView,
  AppNotification,
  CertificateInfo,
  CloseReason,
  LogUpdate,
  OutputChunk,
  SessionView,
} from '../../shared/models';
import type { NetworkOptions } from './ports';

export type Unsubscribe = () => void;

/** Everything another service needs to talk to GitLab as one account. Lives only in main. */
export interface AccountConnection {
  readonly accountId: string;
  /** Normalised base URL including any relative root, no trailing slash: https://host/gitlab */
  readonly baseUrl: string;
  readonly userId: number;
  readonly username: string;
  /** `Cookie` header value for web routes and terminal.ws (the web session). */
  readonly cookieHeader: string;
  /** Personal access token for the REST API, when the user gave one. */
  readonly token: string | null;
  readonly tokenScopes: readonly string[];
  readonly network: NetworkOptions;
}

export type AuthFailureSource = 'api' | 'terminal-handshake' | 'reauthorisation';

/** How other services reach accounts: credentials in, expiry reports out. */
export interface AccountAccess {
  /** Signed-in accounts only; null when unknown or expired. */
  connection(accountId: string): AccountConnection | null;
  connections(): readonly AccountConnection[];
  /** The signed-in account whose base URL (host + relative root) a GitLab URL lies under. */
  findByUrl(url: string): AccountConnection | null;
  /** A 401 or sign-in redirect: mark the account expired (once), which stops its polling. */
  reportAuthFailure(accountId: string, source: AuthFailureSource): void;
  onConnectionsChanged(listener: () => void): Unsubscribe;
}

export interface AccountsService extends AccountAccess {
  list(): readonly AccountView[];
  add(params: RequestParams<'accounts.add'>): Promise<AccountView>;
  signIn(accountId: string, session: SessionCredential): Promise<AccountView>;
  setToken(accountId: string, token: string | null): Promise<AccountView>;
  update(params: RequestParams<'accounts.update'>): Promise<AccountView>;
  setNetwork(params: RequestParams<'accounts.setNetwork'>): Promise<AccountView>;
  remove(accountId: string): Promise<void>;
  inspectCertificate(baseUrl: string): Promise<CertificateInfo>;
  onChange(listener: (accounts: readonly AccountView[]) => void): Unsubscribe;
  /** Loads stored accounts and re-validates their sessions in the background. */
  start(): Promise<void>;
  dispose(): void;
}

export interface JobsService {
  snapshot(): readonly AccountJobs[];
  refresh(): void;
  pinProject(accountId: string, project: string): Promise<void>;
  cancel(accountId: string, projectId: number, jobId: number): Promise<void>;
  /** Something changed in this project (a retry): poll it, and the finished jobs, at the next chance. */
  pollSoon(accountId: string, projectId: number): void;
  /** Window visibility drives the cadence: hidden with no terminal open pauses polling. */
  setVisibility(visible: boolean, focused: boolean): void;
  setOpenTerminals(count: number): void;
  onChange(listener: (jobs: readonly AccountJobs[]) => void): Unsubscribe;
  start(): void;
  dispose(): void;
}

export interface TerminalService {
  open(target: RequestParams<'terminal.open'>['target']): Promise<RequestResult<'terminal.open'>>;
  list(): readonly SessionView[];
  close(sessionId: string): void;
  reconnect(sessionId: string): void;
  release(sessionId: string): void;
  /**
   * Ends every session of the account that has not ended yet, with `reason` (their tabs stay and
   * show it); for an account that was removed.
   */
  closeAccount(accountId: string, reason: CloseReason): void;
  releaseAllIdle(): number;
  keep(sessionId: string): void;
  syncSize(sessionId: string, cols: number, rows: number): void;
  transcript(sessionId: string, format: 'text' | 'asciicast'): RequestResult<'terminal.transcript'>;
  log(sessionId: string, follow: boolean): Promise<LogUpdate | null>;
  input(sessionId: string, data: string): void;
  paste(sessionId: string, data: string, bracketed: boolean): void;
  ack(sessionId: string, bytes: number): void;
  onSessions(listener: (sessions: readonly SessionView[]) => void): Unsubscribe;
  onOutput(listener: (chunks: readonly OutputChunk[]) => void): Unsubscribe;
  onLog(listener: (update: LogUpdate) => void): Unsubscribe;
  onNotification(listener: (notification: AppNotification) => void): Unsubscribe;
  onFocus(listener: (sessionId: string) => void): Unsubscribe;
  /** A tab is about to close: its session (and transcript) still exists during the call. */
  onClosing(listener: (session: SessionView) => void): Unsubscribe;
  notificationAction(notificationId: string, action: 'release' | 'keep' | 'focus'): void;
  /**
   * The machine woke from sleep or the clock jumped (quality F13): one liveness check per open
   * terminal, one job check per waiting reconnect, timers re-based; no alarm from the jump.
   */
  resumed(): void;
  dispose(): Promise<void>;
}
