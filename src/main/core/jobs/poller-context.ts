/** What one account's poller shares with its request tasks: its dependencies and mutable state. */
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, Logger } from '../ports';
import type { AccountConnection } from '../services';
import type { FailureStreak } from './failure-streak';
import type { InstanceGate } from './instance-gate';
import type { PinnedProject } from './pins';
import type { TerminalChecks } from './terminal-checks';
import type { Timing, WatchedProject } from './watched-project';

export interface AccountPollerDeps {
  readonly connection: AccountConnection;
  readonly client: GitlabClient;
  readonly gate: InstanceGate;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random: () => number;
  readonly pinned: readonly PinnedProject[];
  /** Something the list shows may have changed. */
  readonly onUpdate: () => void;
  /** GitLab refused the credentials (401 or a sign-in redirect). */
  readonly onAuthFailure: () => void;
  /** Hours of finished (failed, canceled) jobs to list; absent: none are swept. */
  readonly finishedWindowHours?: () => number;
}

/** The poller's mutable state. Only the poller and its tasks touch it. */
export interface PollerState {
  readonly projects: Map<number, WatchedProject>;
  /** The project list's timing. */
  readonly list: Timing;
  readonly checks: TerminalChecks;
  readonly streak: FailureStreak;
  listLoaded: boolean;
  authFailed: boolean;
  fatal: string | null;
  lastSuccessAt: number | null;
  /** GitLab's Poll-Interval: no project is polled faster. */
  pollFloorMs: number;
  disposed: boolean;
}

export interface PollerContext {
  readonly deps: AccountPollerDeps;
  readonly state: PollerState;
  /** Cancels the poller's pending wake-up (after an auth or fatal failure). */
  readonly stopTimer: () => void;
}

/** The fields every log line about the account carries (never a secret). */
export function pollerLogFields(connection: AccountConnection): Record<string, unknown> {
  return { accountId: connection.accountId, host: new URL(connection.baseUrl).host };
}
