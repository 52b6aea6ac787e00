/**
 * Follows one retried job until its terminal tab is open: polls the job through pending, opens the
 * tab the moment the runner has a session (`terminal_path`), then listens to the tab's session.
 */
import type { RetryState, SessionView } from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { ApiJob } from '../gitlab/wire-types';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { TerminalService, Unsubscribe } from '../services';
import { reason } from '../terminal/close-reasons';
import { nextRetryState, type RetryEvent } from './retry-flow';
import { FOLLOW_POLL_MS, NO_TERMINAL_POLLS } from './tuning';

const TAB_CLOSED = reason('closed-by-user', 'You closed the tab.');
const NO_TERMINAL =
  'The new job runs, but its runner offers no terminal (no session_server in its config.toml, or the job is not yours): it continues without you.';

export interface FollowDeps {
  readonly client: GitlabClient;
  readonly terminals: TerminalService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accountId: string;
  readonly projectId: number;
  readonly projectPath: string;
  readonly jobId: number;
  /** The state moved (and the tab, once known). */
  readonly changed: (state: RetryState, sessionId: string | null) => void;
}

/** A running follow; stop() ends polling and listening (the tab stays). */
export interface Follow {
  stop(): void;
}

/** Starts following the new job from `initial` (pending). */
export function followRetriedJob(deps: FollowDeps, initial: RetryState): Follow {
  let state = initial;
  let sessionId: string | null = null;
  let timer: TimerHandle | null = null;
  let unlisten: Unsubscribe | null = null;
  let runningWithoutTerminal = 0;
  // An object, not a local: the awaits in poll() see stop() calls made meanwhile.
  const life: { stopped: boolean } = { stopped: false };
  const isStopped = (): boolean => life.stopped;

  const stop = (): void => {
    life.stopped = true;
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = null;
    unlisten?.();
    unlisten = null;
  };

  const feed = (event: RetryEvent): void => {
    const next = nextRetryState(state, event);
    if (next === state) return;
    state = next;
    deps.changed(state, sessionId);
    if (state.kind === 'ended') stop();
  };

  const onSessions = (sessions: readonly SessionView[]): void => {
    if (sessionId === null) return;
    const session = sessions.find((s) => s.id === sessionId);
    // A closed tab leaves the list without a 'closed' state: the retry has ended all the same.
    const state = session?.state ?? { kind: 'closed' as const, reason: TAB_CLOSED };
    feed({ kind: 'session', state });
  };

  const openTab = async (): Promise<void> => {
    const opened = await deps.terminals.open({
      kind: 'job',
      accountId: deps.accountId,
      projectId: deps.projectId,
      jobId: deps.jobId,
    });
    if (isStopped()) return;
    sessionId = opened.sessionId;
    feed({ kind: 'tab-opened' });
    unlisten = deps.terminals.onSessions(onSessions);
    onSessions(deps.terminals.list());
  };

  const poll = async (): Promise<void> => {
    timer = null;
    const read = await readJob(deps, isStopped);
    if (read === null || isStopped()) return;
    const { status, terminal } = read;
    if (status === 'running' && !terminal) runningWithoutTerminal += 1;
    if (runningWithoutTerminal >= NO_TERMINAL_POLLS) {
      feed({ kind: 'failed', message: NO_TERMINAL });
      return;
    }
    feed({ kind: 'job', status, terminal });
    if (state.kind === 'attaching') {
      await openTab();
      return;
    }
    schedule();
  };

  const fail = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.log('warn', 'Following a retried job failed', {
      accountId: deps.accountId,
      jobId: deps.jobId,
      error: message,
    });
    feed({ kind: 'failed', message: `Following the new job failed: ${message}` });
  };

  const schedule = (delayMs: number = FOLLOW_POLL_MS): void => {
    if (isStopped()) return;
    timer = deps.clock.setTimeout(() => {
      poll().catch(fail);
    }, delayMs);
  };

  // The runner may already have it: ask at once, then every FOLLOW_POLL_MS.
  schedule(0);
  return { stop };
}

/**
 * The job's status, and whether its runner offers a terminal yet (asked only while it runs); null
 * when the follow stopped meanwhile.
 */
async function readJob(
  deps: FollowDeps,
  isStopped: () => boolean,
): Promise<{ readonly status: ApiJob['status']; readonly terminal: boolean } | null> {
  const job = (await deps.client.getJob(deps.projectId, deps.jobId)).value;
  if (isStopped()) return null;
  if (job.status !== 'running') return { status: job.status, terminal: false };
  const web = (await deps.client.webJob(deps.projectPath, deps.jobId)).value;
  return { status: job.status, terminal: web.terminal_path !== null };
}
