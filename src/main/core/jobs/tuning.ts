/**
 * Every number that shapes how often job discovery talks to GitLab, with its reason. Together they
 * keep 50 watched projects under 40 requests a minute (quality goal P7) whatever their mix.
 */

/**
 * Poll interval of a project where one of the user's jobs is running or pending. GitLab's own job
 * page polls every 10 s (Poll-Interval 10000); a little slower is plenty for a list.
 */
export const ACTIVE_INTERVAL_MS = 12_000;
/**
 * Most requests a minute spent on active projects; beyond it their interval stretches. Room for
 * ~3 busy projects at the full rate, so a large matrix of projects cannot blow the budget.
 */
export const ACTIVE_BUDGET_PER_MIN = 16;

/** Interval of a project with recent activity but none of the user's jobs: a pipeline may start. */
export const WARM_INTERVAL_MS = 30_000;
/** Most requests a minute spent on warm projects. */
export const WARM_BUDGET_PER_MIN = 6;

/** Shortest interval of a quiet project: jobs started there show up within a couple of minutes. */
export const COLD_MIN_INTERVAL_MS = 120_000;
/**
 * Most requests a minute spent on quiet projects: 50 of them are polled every 5 minutes. Every
 * project is polled at least that often, so the three budgets bound the total.
 */
export const COLD_BUDGET_PER_MIN = 10;

/**
 * How long a project stays warm after its last activity, and active after the user's last job in
 * it: the next stage's job usually becomes pending within this window.
 */
export const RECENT_ACTIVITY_WINDOW_MS = 5 * 60_000;

/**
 * The project list (one request) is refreshed this often: it finds new projects and, through
 * last_activity_at, warms up quiet ones. GitLab moves last_activity_at at most hourly
 * (Event::RESET_PROJECT_ACTIVITY_INTERVAL), so refreshing it faster would learn little.
 */
export const PROJECT_LIST_INTERVAL_MS = 120_000;
/** Projects watched from the membership list, most recently active first. */
export const MAX_WATCHED_PROJECTS = 50;
/** Pinned projects per account, on top of the watched ones. */
export const MAX_PINNED_PROJECTS = 20;
/** One page of running+pending jobs: no project realistically has more at once. */
export const JOBS_PER_PAGE = 100;
/** Candidates shown when a pin search term is ambiguous. */
export const PIN_SEARCH_PAGE = 10;

/**
 * Re-ask the web job JSON for `terminal_path` this long after the last answer even when the job's
 * status did not change (the runner session or project settings can still change underneath).
 */
export const WEB_JOB_TTL_MS = 5 * 60_000;
/** After a failed web job JSON request, wait this long before asking for that job again. */
export const WEB_JOB_RETRY_MS = 60_000;
/** Web job JSON requests within one project poll; more jobs wait for the next poll. */
export const MAX_WEB_JOBS_PER_POLL = 4;

/** Every delay is spread by ±this fraction so many clients (and projects) never poll in step. */
export const JITTER_FRACTION = 0.2;
/** Parallel requests to one GitLab instance: enough to load 50 projects in seconds, never a flood. */
export const MAX_IN_FLIGHT_PER_INSTANCE = 4;

/** First wait after a 5xx, timeout or malformed answer; doubled on every further failure. */
export const BACKOFF_BASE_MS = 5_000;
/** Longest backoff: an outage is rechecked at least this often. */
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Slow down before GitLab says 429: below this share of the limit left (or the absolute floor
 * below), intervals are multiplied by RATE_LIMIT_SLOWDOWN until the window resets.
 */
export const LOW_RATE_LIMIT_FRACTION = 0.1;
export const LOW_RATE_LIMIT_FLOOR = 20;
export const RATE_LIMIT_SLOWDOWN = 4;
/** How long the slowdown lasts when GitLab names no reset time: its windows are one minute. */
export const RATE_LIMIT_DEFAULT_WINDOW_MS = 60_000;

/**
 * Hidden window but a terminal open: the user may be waiting on the job elsewhere, so keep
 * polling, only slower.
 */
export const HIDDEN_WITH_TERMINAL_SLOWDOWN = 2;
/** Window focus and visibility events arrive in bursts; one refresh per burst. */
export const FOCUS_REFRESH_DEBOUNCE_MS = 500;
/** Alt-tabbing back and forth must not turn into a request storm. */
export const FOCUS_REFRESH_MIN_GAP_MS = 30_000;

/**
 * Finished (failed, canceled) jobs are swept this often: they do not change once finished, and a
 * new failure also shows on the running job's way out. 5 min keeps the sweep near 2 requests/min.
 */
export const FINISHED_INTERVAL_MS = 5 * 60_000;
/** Projects a sweep looks at: the most recently active ones, where failures are fresh. */
export const MAX_FINISHED_PROJECTS = 8;
/** Finished jobs asked for per project: the newest page is what a user retries from. */
export const FINISHED_PER_PROJECT = 20;
/** Logs read per sweep to learn executors (logs can be large; later sweeps read the rest). */
export const MAX_EXECUTOR_READS_PER_SWEEP = 3;
