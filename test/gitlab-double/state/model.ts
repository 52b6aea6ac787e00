import type { DisconnectReason, JobMode, JobStatus, Visibility } from '../core/types';

/** Gitlab::Access levels. */
export const ACCESS_LEVEL = {
  none: 0,
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
} as const;

export interface User {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
  /**
   * Set for a user with two-factor authentication: the one code the double accepts as the
   * second factor (fixed, like the password, so a person can sign in by hand).
   */
  readonly otpCode?: string;
  readonly createdAt: Date;
}

export type TokenScope = 'api' | 'read_api';

export interface PersonalAccessToken {
  readonly id: number;
  readonly value: string;
  readonly name: string;
  readonly userId: number;
  readonly scopes: readonly TokenScope[];
  readonly createdAt: Date;
  readonly expiresAt: string | null;
  revoked: boolean;
  lastUsedAt: Date | null;
}

/** A Rails session; `userId` is null until sign-in (the form's CSRF token lives here). */
export interface WebSession {
  readonly id: string;
  readonly userId: number | null;
  readonly csrfToken: string;
  /** Password accepted, second factor pending (GitLab's `session[:otp_user_id]`). */
  readonly otpUserId?: number;
}

export interface Namespace {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly fullPath: string;
  readonly parentId: number | null;
}

export interface Project {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly description: string;
  readonly namespace: Namespace;
  /** userId → Gitlab::Access level */
  readonly members: ReadonlyMap<number, number>;
  readonly archived: boolean;
  readonly visibility: Visibility;
  readonly protectedRefs: readonly string[];
  readonly defaultBranch: string;
  readonly createdAt: Date;
  lastActivityAt: Date;
}

/** What the runner sent Rails in the job request (`session: {url, certificate, authorization}`). */
export interface RunnerSession {
  readonly url: string;
  readonly token: string;
}

/** Where the runner is in `Build.Run` for this job. */
export type JobPhase =
  | { readonly kind: 'queued' }
  | { readonly kind: 'script'; readonly endsAt: number }
  | { readonly kind: 'hold'; readonly seconds: number; readonly deadline: number }
  | { readonly kind: 'finishing' }
  | { readonly kind: 'done' };

export interface Job {
  readonly id: number;
  readonly projectId: number;
  readonly userId: number;
  readonly name: string;
  readonly stage: string;
  readonly ref: string;
  readonly mode: JobMode;
  readonly exitCode: number;
  readonly scriptSeconds: number;
  readonly timeoutSeconds: number;
  readonly wantsRunnerSession: boolean;
  readonly tagList: readonly string[];
  readonly pipelineId: number;
  readonly sha: string;
  readonly createdAt: Date;
  status: JobStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  failureReason: string | null;
  /** Replaced by a retry (`retried?`): GitLab retries a job once, then only its newest copy. */
  retried: boolean;
  runnerSession: RunnerSession | null;
  phase: JobPhase;
  log: string;
}

/** The runner side of one terminal connection, as the job runner and Workhorse see it. */
export interface TerminalControl {
  isConnected(jobId: number): boolean;
  kill(jobId: number, reason: DisconnectReason): void;
}
