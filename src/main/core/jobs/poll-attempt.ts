/**
 * One discovery request from start to outcome: its timing while in flight, and what a good or
 * failed answer means for the account (gate, backoff, failure streak, stopping for good).
 */
import type { ApiResponse } from '../gitlab/gitlab-client';
import { GitlabError } from '../gitlab/gitlab-error';
import type { RateLimitInfo } from '../gitlab/rate-limit';
import { jitterFactor } from './cadence';
import { failureKind } from './failure-kind';
import { pollerLogFields, type PollerContext } from './poller-context';
import { pruneTerminalChecks } from './terminal-checks';
import { PROJECT_LIST_INTERVAL_MS } from './tuning';
import type { Timing, WatchedProject } from './watched-project';

/** What to do after a failed request. */
export type FailureOutcome = 'continue' | 'stop';

/** Which request: its failure-streak key, its timing, and its project (null: the project list). */
export interface AttemptSubject {
  readonly key: string;
  readonly timing: Timing;
  readonly project: WatchedProject | null;
}

/**
 * Runs one timed request: marks it in flight, records the outcome, and hands a good answer to
 * `use` unless the poller was disposed meanwhile. A throw from `use` counts as the request's failure.
 */
export async function runAttempt<T>(
  context: PollerContext,
  subject: AttemptSubject,
  ask: () => Promise<ApiResponse<T>>,
  use: (answer: ApiResponse<T>) => Promise<void> | void,
): Promise<void> {
  const { state } = context;
  const timing = beginAttempt(context, subject.timing);
  try {
    const answer = await ask();
    if (state.disposed) return;
    recordSuccess(context, subject.key, answer.rateLimit, timing);
    await use(answer);
  } catch (error) {
    if (!state.disposed) recordFailure(context, subject.key, error, timing, subject.project);
  } finally {
    endAttempt(context, timing);
  }
}

function beginAttempt(context: PollerContext, timing: Timing): Timing {
  timing.inFlight = true;
  timing.forced = false;
  timing.lastAttemptAt = context.deps.clock.now();
  return timing;
}

function endAttempt(context: PollerContext, timing: Timing): void {
  timing.inFlight = false;
  timing.jitter = jitterFactor(context.deps.random);
}

/** A good answer: the gate and the streak hear of it; a timed request resets its backoff. */
export function recordSuccess(
  context: PollerContext,
  key: string,
  rateLimit: RateLimitInfo | null,
  timing: Timing | null,
): void {
  const now = context.deps.clock.now();
  context.deps.gate.recordSuccess(rateLimit, now);
  if (timing !== null) {
    timing.failures = 0;
    context.state.lastSuccessAt = now;
  }
  context.state.streak.succeeded(key);
}

/** Forgets failures of projects and jobs no longer watched, so they cannot keep a list stale. */
export function pruneFailing(context: PollerContext): void {
  const { state } = context;
  state.streak.forget((kind, id) =>
    kind === 'web' ? !state.checks.web.has(id) : !state.projects.has(id),
  );
}

/** Acts on a failure: who to tell, how long to wait, and whether the task should go on. */
export function recordFailure(
  context: PollerContext,
  key: string,
  error: unknown,
  timing: Timing | null,
  project: WatchedProject | null,
): FailureOutcome {
  const { deps, state } = context;
  const now = deps.clock.now();
  const { gate } = deps;
  if (error instanceof GitlabError) gate.noteRateLimit(error.rateLimit, now);
  const failure = failureKind(error);
  const detail = error instanceof GitlabError ? error.problem.kind : 'internal';
  switch (failure.kind) {
    case 'auth':
      state.authFailed = true;
      context.stopTimer();
      deps.logger.log(
        'warn',
        'GitLab refused the credentials; job polling stops',
        pollerLogFields(deps.connection),
      );
      deps.onAuthFailure();
      return 'stop';
    case 'fatal':
      state.fatal = failure.message;
      context.stopTimer();
      state.streak.failed(key, failure.message, detail, error);
      return 'stop';
    case 'rate-limited':
      gate.recordRateLimited(failure.retryAfterMs, now);
      // Not this request's fault: ask again first once the wait is over.
      if (timing !== null) timing.forced = true;
      state.streak.failed(key, failure.message, detail, error);
      return 'stop';
    case 'gone':
      if (project === null) {
        state.streak.failed(key, failure.message, detail, error);
        return 'continue';
      }
      // Hide the project until the next list refresh says otherwise.
      project.jobs = null;
      project.hiddenUntil = now + PROJECT_LIST_INTERVAL_MS;
      pruneTerminalChecks(state.checks, project, []);
      return 'continue';
    case 'transient':
      gate.recordFailure(now);
      if (timing !== null) timing.failures += 1;
      state.streak.failed(key, failure.message, detail, error);
      return 'stop';
  }
}
