/**
 * Every tuning number of the double, named once with the reason it has its value. Numbers that
 * mirror GitLab, Workhorse or GitLab Runner name the source they were taken from.
 */

/** Runner `session_timeout` default (gitlab-runner common/consts.go DefaultSessionTimeout). */
export const DEFAULT_SESSION_TIMEOUT_S = 1800;
/** Workhorse ReauthenticationInterval (workhorse/internal/channel/channel.go). */
export const DEFAULT_REAUTH_INTERVAL_MS = 300_000;
/** Workhorse BrowserPingInterval (workhorse/internal/channel/channel.go). */
export const DEFAULT_PING_INTERVAL_MS = 30_000;
/** The runner waits this long for the executor to attach before answering 503 (session/session.go). */
export const DEFAULT_RUNNER_READY_TIMEOUT_MS = 60_000;
/** Long by default so tests decide when a seeded script ends (endScript). */
export const DEFAULT_SCRIPT_SECONDS = 3600;
/** GitLab's default project CI/CD job timeout (1 h). */
export const DEFAULT_JOB_TIMEOUT_S = 3600;
/** `project_jobs_api_rate_limit` default (gitlab-org/gitlab MR 129319). */
export const DEFAULT_JOBS_RATE_LIMIT_PER_MINUTE = 600;
/** GitLab.com's authenticated API throttle; used for the RateLimit-* headers on every API answer. */
export const API_THROTTLE_PER_MINUTE = 2000;
export const RATE_LIMIT_WINDOW_MS = 60_000;
/** Retry-After for an injected 429 when the test does not say (Rack::Attack sends the period). */
export const DEFAULT_FAULT_RETRY_AFTER_S = 60;

/** The runner's io.Copy buffer: a longer client message is cut here and the rest dropped. */
export const MAX_INPUT_FRAME_BYTES = 32 * 1024;
/** The runner reads PTY output into a 32 KiB buffer too, so no output frame is larger. */
export const MAX_OUTPUT_FRAME_BYTES = 32 * 1024;
/**
 * Pause the PTY while more than this much output waits in user space, i.e. while a frame has not
 * been taken by the kernel: 0, the runner's real back-pressure. The runner copies the PTY into the
 * websocket with io.Copy (gitlab-terminal's StreamProxy, called by executors/docker/terminal.go)
 * and Workhorse relays with a ReadMessage/WriteMessage loop (workhorse/internal/channel/proxy.go);
 * both writes are gorilla's blocking WriteMessage, which returns once the kernel has the bytes. So
 * while a write is blocked (a full socket) nothing reads the PTY, and only the kernel's socket
 * buffers hold output. ws writes asynchronously; `bufferedAmount > 0` after a send is the moment a
 * blocking write would block.
 */
export const OUTPUT_HIGH_WATER_BYTES = 0;
/** Resume the PTY once every frame has been taken by the kernel (the blocked write returned). */
export const OUTPUT_LOW_WATER_BYTES = 0;
/** In 'random' chunking, about one output chunk in this many is cut at a random byte. */
export const RANDOM_CUT_ONE_IN = 4;
/** In 'random' chunking, about one chunk in this many is cut inside its first multi-byte char. */
export const RANDOM_UTF8_SPLIT_ONE_IN = 3;
/** Fixed PRNG seed so 'random' chunking is reproducible from run to run. */
export const CHUNKER_SEED = 0x5eed_1234;

/** The runner's terminal size: node-pty needs one, and 80x24 is what an unsized PTY reports. */
export const PTY_COLS = 80;
export const PTY_ROWS = 24;
/** After the shell got EOT (0x04) on a client close, give it this long before hanging up. */
export const SHELL_EOT_GRACE_MS = 200;
/** After SIGHUP, wait this long for the shell to go before SIGKILL. */
export const SHELL_KILL_GRACE_MS = 1000;

/** The runner writes a script progress line this often while a script runs. */
export const SCRIPT_LOG_INTERVAL_MS = 2000;
/** Between the hold ending and the final job update ("within seconds" in GitLab terms). */
export const FINISH_DELAY_MS = 100;
/** A retried job waits this long in `pending` before the double's runner picks it up. */
export const RETRY_PICKUP_DELAY_MS = 100;
/** The web job JSON's Poll-Interval (lib/gitlab/polling_interval.rb, multiplier 1). */
export const WEB_POLL_INTERVAL_MS = 10_000;

/** The admin routes live here, outside the relative URL root. */
export const ADMIN_PREFIX = '/__double/';
export const SESSION_COOKIE = '_gitlab_session';
export const API_PREFIX = '/api/v4';
export const GITLAB_VERSION = '18.3.0-ee';
export const GITLAB_REVISION = 'd79f3e7b89a';
export const RUNNER_VERSION = '18.3.0';
export const RUNNER_REVISION = 'd79f3e7b';

/** Default page size of GitLab's offset pagination, and its cap. */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
