/**
 * One account's job discovery: which projects to watch and when to poll each (the requests are in
 * project-list-refresh and project-poll, what their answers mean in poll-attempt). Requests go
 * through the instance's gate (in-flight cap, Retry-After, backoff); the service decides visibility
 * and publishes changes.
 */
import type { AccountJobs } from '../../../shared/models';
import type { TimerHandle } from '../ports';
import { accountStatus } from './account-status';
import { jitterFactor } from './cadence';
import { FailureStreak } from './failure-streak';
import { finishedDueAt, finishedViews, sweepFinished, type FinishedState } from './finished-jobs';
import { buildJobViews } from './job-list';
import type { PinnedProject } from './pins';
import {
  pollerLogFields,
  type AccountPollerDeps,
  type PollerContext,
  type PollerState,
} from './poller-context';
import { pollProject } from './project-poll';
import { refreshProjectList } from './project-list-refresh';
import { HIDDEN_WITH_TERMINAL_SLOWDOWN } from './tuning';
import {
  countTiers,
  listDueAt,
  newProject,
  newTiming,
  projectDueAt,
  projectTier,
} from './watched-project';

export type { AccountPollerDeps } from './poller-context';

/** normal: visible; slow: hidden with a terminal open; paused: hidden with none. */
export type PollMode = 'normal' | 'slow' | 'paused';

interface DueItem {
  readonly at: number;
  readonly run: () => void;
}

/** Polls one account's projects; see the module comment. */
export class AccountPoller {
  readonly #deps: AccountPollerDeps;
  readonly #state: PollerState;
  readonly #context: PollerContext;
  readonly #finished: FinishedState;
  #mode: PollMode = 'normal';
  #timer: TimerHandle | null = null;

  constructor(deps: AccountPollerDeps) {
    this.#deps = deps;
    this.#state = {
      projects: new Map(),
      list: newTiming(jitterFactor(deps.random)),
      checks: { web: new Map() },
      streak: new FailureStreak(deps.logger, () => pollerLogFields(deps.connection)),
      listLoaded: false,
      authFailed: false,
      fatal: null,
      lastSuccessAt: null,
      pollFloorMs: 0,
      disposed: false,
    };
    this.#context = {
      deps,
      state: this.#state,
      stopTimer: () => {
        this.#stopTimer();
      },
    };
    this.#finished = {
      timing: newTiming(jitterFactor(deps.random)),
      byProject: new Map(),
      executors: new Map(),
    };
    for (const pin of deps.pinned) this.addPinned(pin);
  }

  get accountId(): string {
    return this.#deps.connection.accountId;
  }

  /** Switches cadence; pausing cancels the timer, resuming polls what is due. */
  setMode(mode: PollMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#deps.onUpdate();
    this.pump();
  }

  /** Polls now: everything ('all'), or the project list and busy projects ('recent', on focus). */
  refresh(scope: 'all' | 'recent'): void {
    const now = this.#deps.clock.now();
    this.#state.list.forced = true;
    for (const project of this.#state.projects.values()) {
      if (scope === 'all' || projectTier(project, this.#deps.connection.userId, now) !== 'cold') {
        project.timing.forced = true;
      }
    }
    this.pump();
  }

  /** Watches a pinned project from now on. */
  addPinned(pin: PinnedProject): void {
    const existing = this.#state.projects.get(pin.id);
    const project = existing ?? newProject(pin.id, pin.path, jitterFactor(this.#deps.random));
    project.pinned = true;
    project.timing.forced = true;
    this.#state.projects.set(pin.id, project);
    if (existing === undefined) this.pump();
  }

  /** Re-polls one project at the next chance (after a cancel). */
  pollSoon(projectId: number): void {
    const project = this.#state.projects.get(projectId);
    if (project === undefined) return;
    project.timing.forced = true;
    this.#finished.timing.forced = true;
    this.pump();
  }

  /** The account's list as the renderer sees it. */
  view(): AccountJobs {
    const now = this.#deps.clock.now();
    const state = this.#state;
    const projects = [...state.projects.values()];
    const failure = state.streak.listFailure();
    const status = accountStatus({
      paused: this.#mode === 'paused',
      authFailed: state.authFailed,
      fatal: state.fatal,
      loaded:
        state.listLoaded &&
        projects.every((p) => p.jobs !== null || p.timing.failures > 0 || p.hiddenUntil > 0),
      hasData: state.listLoaded || projects.some((p) => p.jobs !== null),
      failure,
      block: this.#deps.gate.block(now),
      nextRetryAt: failure === null ? null : this.#nextRetryAt(now),
      lastSuccessAt: state.lastSuccessAt,
    });
    const jobs = state.authFailed
      ? []
      : buildJobViews(this.#deps.connection, projects, state.checks);
    if (this.#deps.finishedWindowHours === undefined || state.authFailed)
      return { accountId: this.accountId, ...status, jobs };
    const finished = finishedViews(this.accountId, state.projects, this.#finished);
    return { accountId: this.accountId, ...status, jobs, finished };
  }

  /** Starts every request that is due and the gate allows, then sleeps until the next one. */
  pump(): void {
    this.#stopTimer();
    const state = this.#state;
    if (state.disposed || state.authFailed || state.fatal !== null || this.#mode === 'paused')
      return;
    const now = this.#deps.clock.now();
    const items = this.#dueItems(now).sort((a, b) => a.at - b.at);
    let next = Infinity;
    for (const item of items) {
      if (item.at > now) {
        next = item.at;
        break;
      }
      if (!this.#deps.gate.tryAcquire(now)) {
        // At the in-flight cap the gate's release pumps again; a block ends at a known time.
        const block = this.#deps.gate.block(now);
        if (block !== null) next = block.until;
        else next = items.find((candidate) => candidate.at > now)?.at ?? Infinity;
        break;
      }
      item.run();
    }
    if (next !== Infinity) {
      this.#timer = this.#deps.clock.setTimeout(
        () => {
          this.#timer = null;
          this.pump();
        },
        Math.max(next - now, 0),
      );
    }
  }

  /** Stops every timer; answers still in flight are ignored. */
  dispose(): void {
    this.#state.disposed = true;
    this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer === null) return;
    this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #dueItems(now: number): DueItem[] {
    const { gate, connection } = this.#deps;
    const { projects, list, pollFloorMs } = this.#state;
    const slowdown =
      gate.slowdown(now) * (this.#mode === 'slow' ? HIDDEN_WITH_TERMINAL_SLOWDOWN : 1);
    const context = {
      now,
      tierCounts: countTiers(projects.values(), connection.userId, now),
      slowdown,
      pollFloorMs,
      userId: connection.userId,
    };
    // The project list goes first when due (the sort is stable): it decides which projects exist.
    const items: DueItem[] = [
      { at: listDueAt(list, slowdown), run: () => this.#run(refreshProjectList(this.#context)) },
    ];
    const hours = this.#deps.finishedWindowHours;
    // After the first project list: the sweep picks projects by their activity.
    if (hours !== undefined && this.#state.listLoaded) {
      items.push({
        at: finishedDueAt(this.#finished.timing, slowdown),
        run: () => this.#run(sweepFinished(this.#context, this.#finished, hours())),
      });
    }
    for (const project of projects.values()) {
      items.push({
        at: projectDueAt(project, context),
        run: () => this.#run(pollProject(this.#context, project)),
      });
    }
    return items;
  }

  #nextRetryAt(now: number): number | null {
    const due = this.#dueItems(now)
      .map((item) => item.at)
      .filter((at) => at > now && at !== Infinity);
    return due.length === 0 ? null : Math.min(...due);
  }

  /** Runs a task that holds one gate slot, and gives the slot back whatever happens. */
  #run(task: Promise<void>): void {
    task
      .catch((error: unknown) => {
        this.#deps.logger.log('error', 'Job discovery failed unexpectedly', {
          accountId: this.accountId,
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        if (!this.#state.disposed) this.#deps.onUpdate();
        this.#deps.gate.release();
      })
      .catch(() => undefined);
  }
}
