/**
 * The parts of GitLab's REST and web JSON answers Jobshell relies on. Field names are GitLab's own
 * (snake_case) so they can be checked against GitLab's documentation and entities.
 */

/** `GET /api/v4/user`. */
export interface ApiUser {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  /** 'active', 'blocked', … */
  readonly state: string | null;
  readonly web_url: string | null;
}

/** `GET /api/v4/personal_access_tokens/self`. */
export interface ApiTokenSelf {
  readonly id: number;
  readonly name: string;
  readonly user_id: number | null;
  readonly scopes: readonly string[];
  /** `YYYY-MM-DD`, or null for a token that never expires. */
  readonly expires_at: string | null;
  readonly active: boolean;
  readonly revoked: boolean;
}

export interface ApiAccess {
  readonly access_level: number;
}

/** `GET /api/v4/projects` and `/projects/:id` (fields absent with `simple=true` are null). */
export interface ApiProject {
  readonly id: number;
  readonly name: string;
  readonly path_with_namespace: string;
  readonly web_url: string;
  readonly archived: boolean | null;
  readonly last_activity_at: string | null;
  readonly permissions: {
    readonly project_access: ApiAccess | null;
    readonly group_access: ApiAccess | null;
  } | null;
}

export interface ApiJobUser {
  readonly id: number;
  readonly username: string;
}

export interface ApiJobPipeline {
  readonly id: number;
  readonly project_id: number | null;
}

export interface ApiJobRunner {
  readonly id: number;
  readonly description: string | null;
}

/** `GET /api/v4/projects/:id/jobs` items and `/projects/:id/jobs/:job_id`. */
export interface ApiJob {
  readonly id: number;
  /** One of GitLab's job statuses; kept as a string so a new status never breaks the list. */
  readonly status: string;
  readonly stage: string;
  readonly name: string;
  readonly ref: string;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly web_url: string;
  readonly user: ApiJobUser | null;
  readonly pipeline: ApiJobPipeline | null;
  readonly runner: ApiJobRunner | null;
  /** Only on failed jobs (`expose :failure_reason, if: failed?`). */
  readonly failure_reason?: string | null;
  /** Seconds between started_at and finished_at (or now). */
  readonly duration?: number | null;
  /** Seconds the job waited for a runner. */
  readonly queued_duration?: number | null;
}

/** The web job JSON `GET /<full_path>/-/jobs/<id>.json` (session cookie only). */
export interface ApiWebJob {
  readonly id: number;
  readonly name: string | null;
  /** Present exactly when the user may open this job's terminal right now. */
  readonly terminal_path: string | null;
  /**
   * Present while the job can be cancelled by this user (BuildDetailsEntity `cancelable?`, i.e.
   * `cancel_build`, which needs `update_build`): its absence on a running job means the user may
   * not update it, e.g. a protected ref.
   */
  readonly cancel_path: string | null;
  /** Present when this user may retry the job (`update_build` and `retryable?`). */
  readonly retry_path?: string | null;
  /** The detailed status group, e.g. 'running', 'success'. */
  readonly status_group: string | null;
  readonly complete: boolean | null;
}

/** `GET /api/v4/version`. */
export interface ApiVersion {
  readonly version: string;
  readonly revision: string | null;
}
