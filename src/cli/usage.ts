/** The help texts: what `--help` prints, kept next to each other so they stay consistent. */

const EXIT_CODES = `Exit codes:
  0    the session ended normally: you detached, the shell exited, or the job
       finished (or was canceled)
  1    the connection or the terminal failed (network, TLS, runner, GitLab errors)
  2    usage or credentials problem (bad flag, no or expired session, wrong token)
  3    GitLab refused the terminal: not your job, not running, no session server,
       or another terminal is already attached
  129, 130, 143  ended by SIGHUP, SIGINT or SIGTERM (the terminal is closed first)`;

const CREDENTIALS = `Credentials (never printed):
  GITLAB_SESSION        the value of your _gitlab_session browser cookie (required,
                        unless --cookies is given): GitLab opens terminals only for
                        a signed-in web session
  --cookies FILE        a Netscape cookies.txt export with that cookie instead
  GITLAB_TOKEN          optional personal access token (read_api) for the API; it
                        must belong to the same user as the session
  --token-file FILE     read the token from FILE instead
  --ca FILE             extra trusted CA certificates (PEM); may be repeated`;

export const MAIN_USAGE = `jobshell: GitLab CI interactive web terminals from your own terminal.

Usage:
  jobshell attach <job-url> [options]   open a running job's shell here
  jobshell jobs --url <gitlab-url> [--json] [options]
                                        list your running and pending jobs
  jobshell retry <job-url> [--attach] [options]
                                        retry a finished job; --attach opens
                                        the new job's shell here when it runs
  jobshell history [--json]             every terminal session so far, with totals
  jobshell help [attach|jobs|retry|history]
                                        show help for a command
  jobshell --version

Run "jobshell <command> --help" for the options of a command.`;

export const ATTACH_USAGE = `Usage: jobshell attach <job-url> [options]

Opens the terminal of a running CI job (the URL of its job page, e.g.
https://gitlab.example.com/acme/api/-/jobs/5001) in this terminal. Keystrokes go
straight to the job's shell. Detach with Ctrl-] then q (this also releases a job
that your terminal keeps running after its script); Ctrl-] twice sends Ctrl-].

When stdin is not a terminal, it is typed into the shell as is and, at its end,
"exit" is typed too: the shell runs everything, exits, and jobshell exits 0.
  printf 'make test\\n' | jobshell attach <job-url>

Options:
  --base-url URL        your GitLab's address, when it is served under a path
                        (e.g. https://example.com/gitlab); found by itself otherwise
  --sync-size           type "stty cols C rows R" into the shell at start and when
                        this window is resized (GitLab has no resize message)
  --help                this help
${CREDENTIALS}

Environment:
  JOBSHELL_LOG          debug, info, warn or error: write the core's log (JSON
                        lines, no secrets) to stderr
  JOBSHELL_DATA_DIR     where the attach history is kept (default: the desktop
                        app's data folder); every attach session is recorded there

${EXIT_CODES}`;

export const JOBS_USAGE = `Usage: jobshell jobs --url <gitlab-url> [--json] [options]

Lists your running and pending jobs on that GitLab (projects where you are at
least Developer, most recently active first), with whether you can open their
terminal and, if not, why.

Options:
  --url URL             your GitLab's address, e.g. https://gitlab.example.com
  --json                print a JSON array of {id, name, status, stage, ref,
                        web_url, project, project_id, debuggable, reason, ...}
  --help                this help
${CREDENTIALS}

Exit codes:
  0    listed (also when there are no jobs)
  1    GitLab could not be reached or answered with an error
  2    usage or credentials problem`;

export const RETRY_USAGE = `Usage: jobshell retry <job-url> [--attach] [options]

Retries a finished (failed or canceled) CI job through GitLab's API and prints
the new job's URL on stdout, as one line. The new job is yours, so its terminal
is too. With --attach, jobshell waits until the new job runs, then attaches in
this terminal exactly as "jobshell attach" does: when the script fails while you
are attached, the runner (shell and Kubernetes executors) keeps the job running
for you, failed state and all, until you detach or session_timeout ends.

Before retrying, jobshell checks that it can work: a job that is not retryable,
your role, a protected branch are refused with GitLab's reason (exit 3). On a
Docker executor the terminal ends with the script, so it cannot hold the
failure: jobshell explains, prints a .gitlab-ci.yml snippet that can, and
retries only with --yes. A job already retried and still running is not retried
again: its URL is printed instead.

Options:
  --attach              attach to the new job once it runs
  --yes                 retry even where the failure cannot be held
  --base-url URL        your GitLab's address, when it is served under a path
  --sync-size           with --attach: as for jobshell attach
  --help                this help
${CREDENTIALS}
  Retrying is a write: it goes with a token that has the api scope, else with
  the web session (and GitLab's CSRF token, read from one of its pages).

${EXIT_CODES}
  3 also: GitLab refused the retry (not retryable, role, protected branch).`;

export const HISTORY_USAGE = `Usage: jobshell history [--json]

Prints the attach history: every terminal session of the desktop app and of
jobshell attach (newest first), how it ended, how long it held a finished job
open, and whether Jobshell released it; then the totals (runner time held after
scripts ended this week and all time; released by you, by auto-release, timed
out).

Options:
  --json                print {totals, records}, the same as the app's export
  --help                this help

Environment:
  JOBSHELL_DATA_DIR     where the history is kept (default: the desktop app's
                        data folder, e.g. ~/.config/jobshell on Linux)

Exit codes:
  0    printed (also when the history is empty; a damaged file is set aside and
       reported on stderr)
  2    usage problem`;
