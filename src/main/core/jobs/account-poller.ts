/**
 * One account's job discovery: which projects to watch, when to poll each, and what the answers
 * mean. Requests go through the instance's gate (in-flight cap, Retry-After, backoff); the service
 * decides visibility and publishes changes.
 */
import type { AccountJobs } from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import { GitlabError } from '../gitlab/gitlab-error';
import type { RateLimitInfo } from '../gitlab/rate-limit';
import type { ApiJob, ApiProject } from '../gitlab/wire-types';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { AccountConnection } from '../services';
import { accountStatus } from './account-status';
import { DEVELOPER_ACCESS } from './availability';
import { jitterFactor } from './cadence';
import type { InstanceGate } from './instance-gate';
import { failureKind } from './failure-kind';
import { FailureStreak } from './failure-streak';
import { buildJobViews } from './job-list';
import type { PinnedProject } from './pins';
import {
  HIDDEN_WITH_TERMINAL_SLOWDOWN,
  JOBS_PER_PAGE,
  MAX_WATCHED_PROJECTS,
  PROJECT_LIST_INTERVAL_MS,
} from './tuning';
import {
  mergeListed,
  countTiers,
  listDueAt,
  newProject,
  newTiming,
  projectDueAt,
  projectTier,
  type Timing,
  type WatchedProject,
} from './watched-project';
import { checkTerminals, pruneTerminalChecks, type TerminalChecks } from './terminal-checks';

/** normal: visible; slow: hidden with a terminal open; paused: hidden with none. */
export type PollMode = 'normal' | 'slow' | 'paused';

const JOB_SCOPES = ['running', 'pending'] as const;

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
}

/** What to do after a failed request. */
type FailureOutcome = 'continue' | 'stop';

interface DueItem {
  readonly at: number;
  readonly run: () => void;
}

/** Polls one account's projects; see the module comment. */
export class AccountPoller {
  readonly #deps: AccountPollerDeps;
  readonly #projects = new Map<number, WatchedProject>();
  readonly #list: Timing;
  readonly #checks: TerminalChecks = { web: new Map() };
  readonly #streak: FailureStreak;
  #listLoaded = false;
  #mode: PollMode = 'normal';
  #authFailed = false;
  #fatal: string | null = null;
  #lastSuccessAt: number | null = null;
  #pollFloorMs = 0;
  #timer: TimerHandle | null = null;
  #disposed = false;

  constructor(deps: AccountPollerDeps) {
    this.#deps = deps;
    this.#list = newTiming(jitterFactor(deps.random));
    this.#streak = new FailureStreak(deps.logger, () => this.#logFields());
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
    this.#list.forced = true;
    for (const project of this.#projects.values()) {
      if (scope === 'all' || projectTier(project, this.#deps.connection.userId, now) !== 'cold') {
        project.timing.forced = true;
      }
    }
    this.pump();
  }

  /** Watches a pinned project from now on. */
  addPinned(pin: PinnedProject): void {
    const existing = this.#projects.get(pin.id);
    const project = existing ?? newProject(pin.id, pin.path, jitterFactor(this.#deps.random));
    project.pinned = true;
    project.timing.forced = true;
    this.#projects.set(pin.id, project);
    if (existing === undefined) this.pump();
  }

  /** Re-polls one project at the next chance (after a cancel). */
  pollSoon(projectId: number): void {
    const project = this.#projects.get(projectId);
    if (project === undefined) return;
    project.timing.forced = true;
    this.pump();
  }

  /** The account's list as the renderer sees it. */
  view(): AccountJobs {
    const now = this.#deps.clock.now();
    const projects = [...this.#projects.values()];
    const failure = this.#streak.listFailure();
    const status = accountStatus({
      paused: this.#mode === 'paused',
      authFailed: this.#authFailed,
      fatal: this.#fatal,
      loaded:
        this.#listLoaded &&
        projects.every((p) => p.jobs !== null || p.timing.failures > 0 || p.hiddenUntil > 0),
      hasData: this.#listLoaded || projects.some((p) => p.jobs !== null),
      failure,
      block: this.#deps.gate.block(now),
      nextRetryAt: failure === null ? null : this.#nextRetryAt(now),
      lastSuccessAt: this.#lastSuccessAt,
    });
    const jobs = this.#authFailed
      ? []
      : buildJobViews(this.#deps.connection, projects, this.#checks);
    return { accountId: this.accountId, ...status, jobs };
  }

  /** Starts every request that is due and the gate allows, then sleeps until the next one. */
  pump(): void {
    this.#stopTimer();
    if (this.#disposed || this.#authFailed || this.#fatal !== null || this.#mode === 'paused')
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
    this.#disposed = true;
    this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer === null) return;
    this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #dueItems(now: number): DueItem[] {
    const { gate, connection } = this.#deps;
    const slowdown =
      gate.slowdown(now) * (this.#mode === 'slow' ? HIDDEN_WITH_TERMINAL_SLOWDOWN : 1);
    const context = {
      now,
      tierCounts: countTiers(this.#projects.values(), connection.userId, now),
      slowdown,
      pollFloorMs: this.#pollFloorMs,
      userId: connection.userId,
    };
    // The project list goes first when due (the sort is stable): it decides which projects exist.
    const items: DueItem[] = [
      { at: listDueAt(this.#list, slowdown), run: () => this.#run(this.#refreshList()) },
    ];
    for (const project of this.#projects.values()) {
      items.push({
        at: projectDueAt(project, context),
        run: () => this.#run(this.#pollProject(project)),
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
        if (!this.#disposed) this.#deps.onUpdate();
        this.#deps.gate.release();
      })
      .catch(() => undefined);
  }

  async #refreshList(): Promise<void> {
    const timing = this.#begin(this.#list);
    try {
      const answer = await this.#deps.client.listProjects({
        membership: true,
        // Only Developers and up can open terminals, so only their projects are watched.
        minAccessLevel: DEVELOPER_ACCESS,
        orderBy: 'last_activity_at',
        perPage: MAX_WATCHED_PROJECTS,
        simple: true,
      });
      if (this.#disposed) return;
      this.#succeeded('list', answer.rateLimit, timing);
      this.#mergeList(answer.value.slice(0, MAX_WATCHED_PROJECTS));
    } catch (error) {
      if (!this.#disposed) this.#failed('list', error, timing, null);
    } finally {
      this.#end(timing);
    }
  }

  #mergeList(listed: readonly ApiProject[]): void {
    const removed = mergeListed(this.#projects, listed, () => jitterFactor(this.#deps.random));
    for (const project of removed) pruneTerminalChecks(this.#checks, project, []);
    this.#listLoaded = true;
    this.#pruneFailing();
  }

  async #pollProject(project: WatchedProject): Promise<void> {
    const timing = this.#begin(project.timing);
    const { client, connection, clock } = this.#deps;
    try {
      const answer = await client.listJobs(project.id, JOB_SCOPES, { perPage: JOBS_PER_PAGE });
      if (this.#disposed) return;
      this.#succeeded(`project:${project.id}`, answer.rateLimit, timing);
      const mine = (job: ApiJob): boolean => job.user?.id === connection.userId;
      project.jobs = answer.value;
      if (answer.value.some(mine)) project.userJobSeenAt = clock.now();
      pruneTerminalChecks(this.#checks, project, answer.value);
      this.#pruneFailing();
      await checkTerminals({
        project,
        checks: this.#checks,
        client,
        userId: connection.userId,
        clock,
        gate: this.#deps.gate,
        isDisposed: () => this.#disposed,
        onAnswer: (key, rateLimit, pollIntervalMs) => {
          this.#succeeded(key, rateLimit, null);
          if (pollIntervalMs !== null && pollIntervalMs > 0) this.#pollFloorMs = pollIntervalMs;
        },
        onFailure: (key, error) => this.#failed(key, error, null, null),
      });
    } catch (error) {
      if (!this.#disposed) this.#failed(`project:${project.id}`, error, timing, project);
    } finally {
      this.#end(timing);
    }
  }

  #begin(timing: Timing): Timing {
    timing.inFlight = true;
    timing.forced = false;
    timing.lastAttemptAt = this.#deps.clock.now();
    return timing;
  }

  #end(timing: Timing): void {
    timing.inFlight = false;
    timing.jitter = jitterFactor(this.#deps.random);
  }

  #succeeded(key: string, rateLimit: RateLimitInfo | null, timing: Timing | null): void {
    const now = this.#deps.clock.now();
    this.#deps.gate.recordSuccess(rateLimit, now);
    if (timing !== null) {
      timing.failures = 0;
      this.#lastSuccessAt = now;
    }
    this.#streak.succeeded(key);
  }

  /** Forgets failures of projects and jobs no longer watched, so they cannot keep a list stale. */
  #pruneFailing(): void {
    this.#streak.forget((kind, id) =>
      kind === 'web' ? !this.#checks.web.has(id) : !this.#projects.has(id),
    );
  }

  /** Acts on a failure: who to tell, how long to wait, and whether the task should go on. */
  #failed(
    key: string,
    error: unknown,
    timing: Timing | null,
    project: WatchedProject | null,
  ): FailureOutcome {
    const now = this.#deps.clock.now();
    const { gate } = this.#deps;
    if (error instanceof GitlabError) gate.noteRateLimit(error.rateLimit, now);
    const failure = failureKind(error);
    const detail = error instanceof GitlabError ? error.problem.kind : 'internal';
    switch (failure.kind) {
      case 'auth':
        this.#authFailed = true;
        this.#stopTimer();
        this.#deps.logger.log(
          'warn',
          'GitLab refused the credentials; job polling stops',
          this.#logFields(),
        );
        this.#deps.onAuthFailure();
        return 'stop';
      case 'fatal':
        this.#fatal = failure.message;
        this.#stopTimer();
        this.#streak.failed(key, failure.message, detail, error);
        return 'stop';
      case 'rate-limited':
        gate.recordRateLimited(failure.retryAfterMs, now);
        // Not this request's fault: ask again first once the wait is over.
        if (timing !== null) timing.forced = true;
        this.#streak.failed(key, failure.message, detail, error);
        return 'stop';
      case 'gone':
        if (project === null) {
          this.#streak.failed(key, failure.message, detail, error);
          return 'continue';
        }
        // Hide the project until the next list refresh says otherwise.
        project.jobs = null;
        project.hiddenUntil = now + PROJECT_LIST_INTERVAL_MS;
        pruneTerminalChecks(this.#checks, project, []);
        return 'continue';
      case 'transient':
        gate.recordFailure(now);
        if (timing !== null) timing.failures += 1;
        this.#streak.failed(key, failure.message, detail, error);
        return 'stop';
    }
  }

  #logFields(): Record<string, unknown> {
    return { accountId: this.accountId, host: new URL(this.#deps.connection.baseUrl).host };
  }
}
