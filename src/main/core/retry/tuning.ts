/** The numbers of retry with terminal, each with its reason. */

/**
 * How often a retried job is asked about while it waits for a runner and starts: the terminal must
 * attach before the script ends (a short failing script runs only seconds), and one job's poll
 * every 2 s is far below any rate limit.
 */
export const FOLLOW_POLL_MS = 2_000;
/**
 * Polls of a running job without `terminal_path` before saying the runner offers no terminal: the
 * runner registers its session with the job request, so a running job has it at once; two more
 * polls absorb GitLab's page cache.
 */
export const NO_TERMINAL_POLLS = 3;
/** A retry that ended is forgotten after this long, so the list stays short. */
export const ENDED_RETRY_KEEP_MS = 10 * 60_000;
