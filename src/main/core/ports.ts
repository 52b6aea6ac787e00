/**
 * The interfaces through which the core reaches the world. Electron, browser mode, the CLI and the
 * tests each supply their own implementations; the core never imports Electron.
 */
import type { AppNotification, SecretStorageInfo } from '../../shared/models';

export type TimerHandle = { readonly __timer: unique symbol };

/** Time, injectable so pollers and hold countdowns are tested with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Where credentials live. Values are opaque strings; keys are namespaced per account. */
export interface SecretStore {
  /** Read again after an opt-in: it changes. */
  readonly info: SecretStorageInfo;
  /**
   * Present only where secrets are held in memory for lack of a keyring: the user's explicit
   * choice to store them unencrypted (0600 file) from now on, including those held right now.
   */
  readonly optInToUnencrypted?: () => Promise<void>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Non-secret persistent JSON (settings, account metadata, pinned projects). */
export interface SettingsStore {
  read(key: string): unknown;
  write(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Desktop notifications (Electron Notification) or in-app toasts (browser mode). */
export interface Notifier {
  show(notification: AppNotification): void;
  /** The user dismissed or acted elsewhere: remove it if still shown. */
  close(notificationId: string): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Structured log. Never pass a secret: callers log account ids and hosts, not cookies or tokens,
 * and a test greps the log output for the secrets it used.
 */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Per-account TLS and proxy settings, used by both the API client and the terminal sockets. */
export interface NetworkOptions {
  /** Extra trusted roots (PEM), added to the system store. */
  readonly ca: readonly string[];
  /** SHA-256 fingerprint (AA:BB:…) of a self-signed leaf certificate the user confirmed. */
  readonly pinnedFingerprint: string | null;
  /** `http://host:port` of an HTTP(S) CONNECT proxy, or null for direct. */
  readonly proxy: string | null;
}

export const DIRECT_NETWORK: NetworkOptions = { ca: [], pinnedFingerprint: null, proxy: null };

export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly network: NetworkOptions;
  readonly timeoutMs: number;
  /**
   * The base URL of the account whose credentials the headers carry. The transport refuses a
   * credentialed request without one, or to an address outside it (net/credential-scope.ts).
   */
  readonly credentialScope?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with ", " (set-cookie kept as a list). */
  readonly headers: Readonly<Record<string, string>>;
  readonly setCookies: readonly string[];
  readonly body: string;
}

/** One HTTP exchange, never following redirects (a redirect to another host must not carry credentials). */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** What a sign-in window hands back: every cookie GitLab set for its origin. */
export interface SignInCookie {
  readonly name: string;
  readonly value: string;
}

/** Electron's GitLab sign-in window; absent in browser mode and the CLI. */
export interface WebSignIn {
  /**
   * Opens GitLab's own sign-in page for this account and resolves with its cookies once signed in.
   * `network` carries the account's pinned certificate, extra CAs and proxy into the window.
   */
  signIn(
    accountId: string,
    baseUrl: string,
    network?: NetworkOptions,
  ): Promise<readonly SignInCookie[]>;
  /** Wipes the account's browser partition (cookies, storage). */
  clear(accountId: string): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => {
    clearTimeout(handle as unknown as ReturnType<typeof setTimeout>);
  },
};

/**
 * Files in the user's data and transcript folders (attach history, automatic transcripts). The
 * path operations are here too: their rules differ by OS, and the core stays free of Node.
 */
export interface DataFiles {
  /** The file's text, or null when it does not exist; other failures reject. */
  readText(file: string): Promise<string | null>;
  /** Replaces the file atomically (never half written), private to the user, folders created. */
  writeAtomic(file: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  join(...parts: readonly string[]): string;
  basename(file: string): string;
  dirname(file: string): string;
  isAbsolute(file: string): boolean;
}

/** The attach history's file and the files port that reaches it. */
export interface HistoryFileAt {
  readonly files: DataFiles;
  readonly path: string;
}

/** The app's data files: the attach history and the transcripts folder until the user picks one. */
export interface AppDataFiles extends HistoryFileAt {
  readonly transcriptsFolder: string;
}
