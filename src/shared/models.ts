/** Data that crosses the bridge. Readonly, serialisable, and never a secret. */

export type Theme = 'system' | 'light' | 'dark';

export type AccountState = 'signed-in' | 'session-expired' | 'token-expired' | 'offline';

export interface AccountNetworkView {
  readonly caCount: number;
  readonly proxy: string | null;
  /** SHA-256 fingerprint (AA:BB:…) of a self-signed certificate the user chose to trust. */
  readonly pinnedFingerprint: string | null;
}

/** What the renderer may know about an account: who and in what state, never a credential. */
export interface AccountView {
  readonly id: string;
  readonly baseUrl: string;
  readonly host: string;
  readonly name: string;
  readonly color: string;
  readonly username: string;
  readonly userId: number;
  readonly displayName: string;
  readonly signedIn: boolean;
  readonly hasToken: boolean;
  readonly tokenScopes: readonly string[];
  readonly tokenExpiresAt: string | null;
  readonly state: AccountState;
  /** Things the user should act on soon, e.g. "The token expires in 3 days". */
  readonly warnings: readonly string[];
  readonly network: AccountNetworkView;
}

export type JobStatus =
  | 'created'
  | 'waiting_for_resource'
  | 'preparing'
  | 'pending'
  | 'running'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped'
  | 'manual'
  | 'scheduled';

export type TerminalAvailability =
  { readonly available: true } | { readonly available: false; readonly reason: string };

export interface JobView {
  /** `${accountId}/${id}`: unique across accounts. */
  readonly key: string;
  readonly accountId: string;
  readonly id: number;
  readonly name: string;
  readonly stage: string;
  readonly status: JobStatus;
  readonly ref: string;
  readonly pipelineId: number | null;
  readonly projectId: number;
  readonly projectPath: string;
  readonly webUrl: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly runner: string | null;
  /** Username of the user who started the job (the only one who may open its terminal). */
  readonly startedBy: string | null;
  /** Started by this account's user; other users' running jobs are listed apart, never debuggable. */
  readonly mine: boolean;
  readonly terminal: TerminalAvailability;
}

/** What GitLab's log says ran the job ("Using Docker executor…"); null when it does not say. */
export type Executor =
  'shell' | 'docker' | 'kubernetes' | 'docker-autoscaler' | 'instance' | 'other';

/** One of the user's recently finished (failed or canceled) jobs: something to retry and debug. */
export interface FinishedJobView {
  /** `${accountId}/${id}`: unique across accounts. */
  readonly key: string;
  readonly accountId: string;
  readonly id: number;
  readonly name: string;
  readonly stage: string;
  readonly status: 'failed' | 'canceled';
  readonly ref: string;
  readonly projectId: number;
  readonly projectPath: string;
  readonly webUrl: string;
  readonly finishedAt: string | null;
  /** Seconds the job ran, as GitLab counts it; null when it never started. */
  readonly durationS: number | null;
  /** GitLab's `failure_reason` (script_failure, runner_system_failure, …); null when canceled. */
  readonly failureReason: string | null;
  readonly executor: Executor | null;
}

/** Before retrying: go, go after the user confirms a caveat, or no with the exact reason. */
export type RetryVerdict =
  | { readonly kind: 'ready'; readonly message: string }
  | {
      readonly kind: 'confirm';
      readonly reason: 'docker' | 'unknown-executor';
      readonly message: string;
      /** A `.gitlab-ci.yml` fragment that makes a hold possible, with its one-line explanation. */
      readonly snippet: { readonly yaml: string; readonly explanation: string } | null;
    }
  | { readonly kind: 'already-retried'; readonly jobId: number; readonly message: string }
  | {
      readonly kind: 'refused';
      readonly reason:
        'not-retryable' | 'insufficient-role' | 'protected-ref' | 'archived' | 'no-session-server';
      readonly message: string;
    };

/** Where "retry with terminal" is: retrying → pending → attaching → attached → held, or ended. */
export type RetryState =
  | { readonly kind: 'retrying' }
  | {
      readonly kind: 'pending';
      /** When GitLab created the new job (epoch ms): the queue time counts from here. */
      readonly queuedSince: number;
    }
  | { readonly kind: 'attaching' }
  | { readonly kind: 'attached' }
  | { readonly kind: 'held' }
  /** Over: the terminal closed, the job finished first, or something failed; `message` says which. */
  | { readonly kind: 'ended'; readonly message: string; readonly failed: boolean };

/** One retry with terminal, as every window sees it (one per original job while it lasts). */
export interface RetryView {
  /** `${accountId}/${originalJobId}` */
  readonly key: string;
  readonly accountId: string;
  readonly projectId: number;
  readonly projectPath: string;
  readonly jobName: string;
  readonly originalJobId: number;
  readonly newJobId: number | null;
  readonly newJobUrl: string | null;
  /** The terminal tab, once opened. */
  readonly sessionId: string | null;
  readonly state: RetryState;
  readonly startedAt: number;
}

export type JobListStatus = 'loading' | 'ok' | 'stale' | 'error' | 'paused';

export interface AccountJobs {
  readonly accountId: string;
  readonly status: JobListStatus;
  /** What went wrong or what the user should do, for stale/error/paused. */
  readonly message: string | null;
  /** When the next request may go out (epoch ms), e.g. after a 429 Retry-After. */
  readonly retryAt: number | null;
  readonly updatedAt: number | null;
  readonly jobs: readonly JobView[];
  /** The user's failed and canceled jobs within the setting's window, newest first (absent: none yet). */
  readonly finished?: readonly FinishedJobView[];
}

export type CloseCode =
  | 'closed-by-user'
  | 'released'
  | 'sign-in-required'
  | 'not-allowed'
  | 'origin-rejected'
  | 'runner-unavailable'
  | 'already-attached'
  | 'proxy-blocks-websocket'
  | 'job-finished'
  | 'hold-timed-out'
  | 'job-canceled'
  | 'shell-exited'
  | 'connection-lost'
  | 'handshake-timeout'
  | 'tls-error'
  | 'network-error'
  | 'account-removed'
  | 'protocol-error';

export interface CloseReason {
  readonly code: CloseCode;
  /** A sentence a user can act on. */
  readonly message: string;
}

export interface HoldInfo {
  /** Epoch ms when the runner's session_timeout ends the hold. */
  readonly deadline: number;
  readonly timeoutS: number;
  /** No keystroke for the idle threshold since the hold began. */
  readonly idle: boolean;
  /** The user chose Keep: no further reminders. */
  readonly kept: boolean;
  /** The job's script result, known from the log once it finished. */
  readonly scriptResult: 'passed' | 'failed' | null;
}

export type SessionState =
  | {
      readonly kind: 'connecting';
      readonly attempt: number;
      readonly since: number;
      readonly waitingForRunner: boolean;
    }
  | { readonly kind: 'open'; readonly since: number }
  | { readonly kind: 'held'; readonly since: number; readonly hold: HoldInfo }
  /**
   * The socket dropped without us closing it and the core is asking GitLab why (job status, log,
   * session); the verdict (closed or reconnecting) follows within a request or two.
   */
  | { readonly kind: 'checking'; readonly since: number }
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly at: number;
      readonly lastReason: CloseReason;
    }
  /** Final for this connection: only a new connection (Reconnect) changes it. */
  | { readonly kind: 'closed'; readonly reason: CloseReason };

export interface SessionView {
  readonly id: string;
  readonly accountId: string;
  readonly jobId: number;
  readonly projectId: number;
  readonly projectPath: string;
  readonly jobName: string;
  readonly webUrl: string;
  readonly state: SessionState;
  readonly lastInputAt: number | null;
  readonly lastOutputAt: number | null;
  /** How many shells this tab has had: every connection starts a new one. */
  readonly connections: number;
  readonly droppedBytes: number;
}

export interface Settings {
  readonly theme: Theme;
  readonly fontSize: number;
  readonly scrollback: number;
  readonly idleThresholdS: number;
  /** Release a held, idle job automatically after this many minutes; null = never (default). */
  readonly autoReleaseMinutes: number | null;
  readonly copyOnSelect: boolean;
  readonly notifications: boolean;
  readonly startAtLogin: boolean;
  /** Failed and canceled jobs of the last this many hours are listed (1–168). */
  readonly finishedJobsHours: number;
}

export type NotificationAction = 'release' | 'keep' | 'focus';

/** What a notification's action did: nothing, with the reason, once its hold has ended. */
export interface NotificationOutcome {
  readonly applied: boolean;
  readonly message: string | null;
}

export interface AppNotification {
  readonly id: string;
  readonly kind: 'held-idle' | 'hold-reminder' | 'session-ended' | 'account' | 'summary';
  readonly title: string;
  readonly body: string;
  readonly sessionId: string | null;
  readonly actions: readonly NotificationAction[];
}

export interface SecretStorageInfo {
  readonly kind: 'os-keyring' | 'plain-file' | 'memory';
  readonly encrypted: boolean;
  /** Set when secrets are not protected as the user would expect. */
  readonly warning: string | null;
}

export interface AppInfo {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly platform: string;
  readonly secretStorage: SecretStorageInfo;
  /** Secrets are in memory for lack of a keyring, and the user may choose an unencrypted file. */
  readonly unencryptedOptIn: boolean;
  readonly webSignIn: boolean;
}

export interface CertificateInfo {
  readonly fingerprint256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly trustedBySystem: boolean;
}

export interface OutputChunk {
  readonly sessionId: string;
  readonly data: Uint8Array;
}

export interface LogUpdate {
  readonly sessionId: string;
  /** Text to append; when `reset`, the whole log so far. */
  readonly text: string;
  readonly reset: boolean;
}

export interface Transcript {
  readonly filename: string;
  readonly mimeType: string;
  readonly content: string;
}
