/**
 * Public data shapes of the GitLab double. Objects that also travel as JSON (start line, admin
 * routes) keep GitLab's snake_case field names so the programmatic API and the HTTP API agree.
 */

export type JobMode = 'shell' | 'kubernetes' | 'docker';
export type MemberRole = 'reporter' | 'developer' | 'maintainer';
export type Visibility = 'private' | 'internal' | 'public';
/** The subset of GitLab's CommitStatus::AVAILABLE_STATUSES the double's jobs actually reach. */
export type JobStatus = 'pending' | 'running' | 'success' | 'failed' | 'canceled';
export type CreatableJobStatus = 'running' | 'pending' | 'success' | 'failed' | 'canceled';
/** How terminal output is cut into websocket frames (see workhorse/output-chunker.ts). */
export type Utf8SplitMode = 'random' | 'always' | 'never';
export type RunnerFault = 'unreachable' | 'tls-mismatch' | 'not-ready';
export type ApiFaultStatus = 429 | 500 | 502 | 503 | 'malformed' | 'html' | 'truncated';

export interface GitlabDoubleOptions {
  /** Default 0 (random). The host is always 127.0.0.1. */
  readonly port?: number;
  /** Relative URL root, e.g. '/gitlab' (default ''). */
  readonly root?: string;
  /** Runner `session_timeout` in seconds, default 1800. */
  readonly sessionTimeoutS?: number;
  /** Runner FF_TIMESTAMPS prefix on every log line. */
  readonly timestamps?: boolean;
  /** https/wss with a self-signed certificate; `info.ca` holds the PEM. */
  readonly tls?: boolean;
  /** Workhorse re-authorisation interval, default 300_000. */
  readonly reauthIntervalMs?: number;
  /** Workhorse ping interval, default 30_000. */
  readonly pingIntervalMs?: number;
  /** How long the runner waits for the executor before answering 503, default 60_000. */
  readonly runnerReadyTimeoutMs?: number;
  /** Script duration of seeded running jobs and the default for created ones, default 3600. */
  readonly scriptSeconds?: number;
  /** Default true: the standard users, projects and jobs. */
  readonly seed?: boolean;
  /** Default 'random'. */
  readonly utf8Split?: Utf8SplitMode;
  /** GitLab's `project_jobs_api_rate_limit`, default 600 per minute per user. */
  readonly jobsRateLimitPerMinute?: number;
  /**
   * Addition: GitLab's `external_url` (scheme://host[:port][/root]) when it is not the address
   * the double listens on; the API's job web_url is built from it. Default: the served address.
   */
  readonly externalUrl?: string;
  /** Addition (F12): latency added to every write to a terminal connection, in ms. */
  readonly linkLatencyMs?: number;
  /** Addition (F12): terminal connections write at most this many bytes per TCP segment. */
  readonly linkSegmentBytes?: number;
  /**
   * Derive the start line's cookies and tokens from this seed instead of minting random ones, so
   * they are the same on every start (see state/stable-credentials.ts). Default: random.
   */
  readonly credentialsSeed?: string;
}

export interface UserInfo {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly password: string;
  /** The second-factor code the sign-in page asks for after the password; null without 2FA. */
  readonly otp_code: string | null;
  /** Personal access token with the `api` scope. */
  readonly token: string;
  /** Personal access token with only `read_api`. */
  readonly read_api_token: string;
  /** A ready `Cookie` header value of a signed-in session. */
  readonly cookie: string;
}

export interface ProjectInfo {
  readonly id: number;
  readonly path_with_namespace: string;
  readonly web_url: string;
}

export interface JobInfo {
  readonly id: number;
  readonly project_id: number;
  readonly user_id: number;
  readonly web_url: string;
  readonly mode: JobMode;
  readonly name: string;
  readonly status: JobStatus;
}

export interface StartInfo {
  readonly url: string;
  readonly admin: string;
  readonly users: readonly UserInfo[];
  readonly projects: readonly ProjectInfo[];
  readonly jobs: readonly JobInfo[];
  readonly ca?: string;
}

export interface CreateJobSpec {
  /** Username of the job's user (the only one allowed to open its terminal). */
  readonly user: string;
  /** Numeric project id; default: the first project where the user is Developer or higher. */
  readonly project?: number;
  readonly mode?: JobMode;
  readonly script_seconds?: number;
  readonly exit_code?: number;
  readonly name?: string;
  readonly stage?: string;
  readonly ref?: string;
  readonly status?: CreatableJobStatus;
  /** Default true: the runner advertises a session server for this job. */
  readonly runner_session?: boolean;
  /** The job timeout (project default 1 h); the terminal hold never outlasts it. */
  readonly timeout_seconds?: number;
}

export interface HoldView {
  readonly seconds: number;
  readonly remaining_s: number;
}

export interface AdminJobView {
  readonly id: number;
  readonly project_id: number;
  readonly user_id: number;
  readonly name: string;
  readonly ref: string;
  readonly mode: JobMode;
  readonly status: JobStatus;
  readonly script_running: boolean;
  readonly exit_code: number;
  readonly runner_session: boolean;
  readonly terminal_attached: boolean;
  readonly hold: HoldView | null;
  readonly web_url: string;
}

export interface Counters {
  /** Keyed by route template, e.g. "GET /api/v4/projects/:id/jobs". */
  readonly api_requests: Readonly<Record<string, number>>;
  /** Keyed by HTTP status as a string, e.g. "101", "404". */
  readonly handshakes: Readonly<Record<string, number>>;
  readonly terminal_connections: number;
  /** Input bytes delivered to shells. */
  readonly bytes_in: number;
  /** Shell output bytes sent to clients (before base64). */
  readonly bytes_out: number;
  readonly pings_sent: number;
}

export interface FaultSpec {
  readonly status: ApiFaultStatus;
  readonly count: number;
  /** Seconds, for 429 (default 60). */
  readonly retryAfter?: number;
}

export interface ProjectSpec {
  /** "group/sub/name" */
  readonly path: string;
  readonly members?: Readonly<Record<string, MemberRole>>;
  readonly archived?: boolean;
  /** Refs where only Maintainers may push or merge. */
  readonly protectedRefs?: readonly string[];
  readonly visibility?: Visibility;
}

export type Credential = { readonly cookie: string } | { readonly token: string };

/** Why a terminal connection ended, as seen from the double. */
export type DisconnectReason =
  | 'client-close'
  | 'client-gone'
  | 'shell-exit'
  | 'reauth-failed'
  | 'job-ended'
  | 'hold-timeout'
  | 'container-exit'
  | 'invalid-frame'
  | 'double-closed';

export interface DoubleEventMap {
  'job-updated': AdminJobView;
  log: { readonly jobId: number; readonly line: string };
  'terminal-connected': { readonly jobId: number };
  'terminal-disconnected': { readonly jobId: number; readonly reason: DisconnectReason };
  /** Bytes exactly as the shell receives them (after decoding and the 32 KiB cut). */
  'shell-input': { readonly jobId: number; readonly bytes: Buffer };
  'shell-exited': { readonly jobId: number; readonly exitCode: number };
  handshake: { readonly path: string; readonly status: number };
  /** An authorised handshake starts waiting out the configured handshake delay. */
  'handshake-delayed': { readonly path: string; readonly ms: number };
  'api-request': { readonly route: string; readonly status: number };
  'ping-sent': { readonly jobId: number };
  /** A handshake's dial is waiting for the job's executor (runner fault 'not-ready'). */
  'executor-wait': { readonly jobId: number };
  reauthorized: { readonly jobId: number; readonly ok: boolean };
}

export type DoubleEventName = keyof DoubleEventMap;
