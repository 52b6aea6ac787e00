import { FINISH_DELAY_MS, RETRY_PICKUP_DELAY_MS, SCRIPT_LOG_INTERVAL_MS } from '../core/constants';
import { DoubleInputError } from '../core/errors';
import type { CreateJobSpec, JobStatus } from '../core/types';
import { commitSha, runnerSecret } from '../state/ids';
import { ACCESS_LEVEL, type Job, type RunnerSession, type TerminalControl } from '../state/model';
import { fullPathOf, type Store } from '../state/store';
import { goDuration } from './go-duration';
import { infoLine, type LogWriter } from './job-log';
import {
  finishLines,
  historicalLog,
  jobTimeoutLines,
  preludeLines,
  progressLines,
  scriptEndLines,
} from './script-lines';

export interface JobRunnerDeps {
  readonly store: Store;
  readonly log: LogWriter;
  readonly terminals: TerminalControl;
  readonly sessionTimeoutS: number;
  readonly defaultScriptSeconds: number;
  readonly defaultTimeoutS: number;
  /** Something about the job changed: tell the listeners. */
  readonly publish: (jobId: number) => void;
  /** A failing script leaves its traces in the job's build directory (for the terminal to read). */
  readonly leaveFailure?: (job: Job) => void;
}

const MS_PER_S = 1000;
/** Seconds a created job waited in the queue before "the runner" took it. */
const QUEUED_SECONDS = 3;
/** Shape of a job created already finished: queued, then ran for this long, this long ago. */
const HISTORY = { agoS: 7200, queuedS: 5, ranS: 185 } as const;
/** A fixed runner session host: Workhorse never really dials it, the double routes in-process. */
const RUNNER_SESSION_BASE = 'https://runner-1.double.test:8093/session';
/** setTimeout's ceiling (2^31-1 ms); longer delays would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function newRunnerSession(): RunnerSession {
  return { url: `${RUNNER_SESSION_BASE}/${runnerSecret()}`, token: runnerSecret() };
}

/**
 * GitLab Runner's side of a job (common/build.go): script stages that log over time, then
 * `waitForTerminal` (the hold), then the final update that removes the runner session.
 */
export class JobRunner {
  readonly #deps: JobRunnerDeps;
  readonly #timers = new Map<number, Set<NodeJS.Timeout>>();
  /** A held job's session timeout, to run early on request (timeOutHold). */
  readonly #holdTimeouts = new Map<number, () => void>();
  #closed = false;

  constructor(deps: JobRunnerDeps) {
    this.#deps = deps;
  }

  create(spec: CreateJobSpec): Job {
    const { store } = this.#deps;
    const user = store.userByUsername(spec.user);
    if (user === undefined) throw new DoubleInputError(`unknown user "${spec.user}"`);
    const project =
      spec.project === undefined
        ? [...store.projects.values()].find(
            (p) => (p.members.get(user.id) ?? 0) >= ACCESS_LEVEL.developer && !p.archived,
          )
        : store.projects.get(spec.project);
    if (project === undefined) throw new DoubleInputError('unknown project');
    const status = spec.status ?? 'running';
    const id = store.nextJobId();
    const now = Date.now();
    const historical = status === 'success' || status === 'failed' || status === 'canceled';
    const job: Job = {
      id,
      projectId: project.id,
      userId: user.id,
      name: spec.name ?? `job-${id}`,
      stage: spec.stage ?? 'test',
      ref: spec.ref ?? `feature/debug-${id}`,
      mode: spec.mode ?? 'shell',
      exitCode: spec.exit_code ?? (status === 'failed' ? 1 : 0),
      scriptSeconds: spec.script_seconds ?? this.#deps.defaultScriptSeconds,
      timeoutSeconds: spec.timeout_seconds ?? this.#deps.defaultTimeoutS,
      wantsRunnerSession: spec.runner_session ?? true,
      tagList: status === 'pending' ? ['gpu'] : [],
      pipelineId: store.nextPipelineId(),
      sha: commitSha(id),
      createdAt: new Date(now - (historical ? HISTORY.agoS : QUEUED_SECONDS) * MS_PER_S),
      status: 'pending',
      startedAt: null,
      finishedAt: null,
      failureReason: null,
      retried: false,
      runnerSession: null,
      phase: { kind: 'queued' },
      log: '',
    };
    store.addJob(job);
    project.lastActivityAt = new Date(now);
    if (historical) this.#fillHistory(job, fullPathOf(project), status === 'canceled');
    if (status === 'running') this.start(job);
    return job;
  }

  /** The runner picks the job up: session server entry, prelude, script timers. */
  start(job: Job): void {
    if (job.status !== 'pending') return;
    const project = this.#deps.store.projects.get(job.projectId);
    job.status = 'running';
    job.startedAt = new Date();
    job.runnerSession = job.wantsRunnerSession ? newRunnerSession() : null;
    job.phase = { kind: 'script', endsAt: Date.now() + job.scriptSeconds * MS_PER_S };
    this.#deps.log.write(job, preludeLines(job, project === undefined ? '' : fullPathOf(project)));
    let tick = 0;
    const progress = setInterval(() => {
      tick += 1;
      this.#deps.log.write(job, progressLines(job, tick));
    }, SCRIPT_LOG_INTERVAL_MS);
    this.#track(job.id, progress);
    this.#after(job.id, job.scriptSeconds * MS_PER_S, () => {
      this.endScript(job);
    });
    this.#after(job.id, job.timeoutSeconds * MS_PER_S, () => {
      this.#timedOut(job);
    });
    this.#deps.publish(job.id);
  }

  /** The script stages are over; wait for an attached terminal (shell/kubernetes) or finish. */
  endScript(job: Job): void {
    if (job.phase.kind !== 'script') return;
    this.#clearTimers(job.id);
    this.#deps.log.write(job, scriptEndLines(job));
    if (job.exitCode !== 0) this.#deps.leaveFailure?.(job);
    const { terminals } = this.#deps;
    switch (job.mode) {
      case 'docker':
        // The build container exits with the script, and the exec terminal dies with it.
        job.phase = { kind: 'finishing' };
        terminals.kill(job.id, 'container-exit');
        this.#finalize(job);
        return;
      case 'shell':
      case 'kubernetes':
        if (terminals.isConnected(job.id)) this.#hold(job);
        else this.#finalize(job);
        return;
    }
  }

  /** Finishes a running job now with its script's result (admin `finish`); a no-op once done. */
  finish(job: Job): void {
    if (job.status !== 'running') return;
    this.#finalize(job);
  }

  /**
   * The hold's session_timeout runs out now, as if its time had passed (same log line, same end):
   * tests reach a timed-out hold without waiting for it. A no-op unless the job is held.
   */
  timeOutHold(job: Job): void {
    if (job.phase.kind !== 'hold') return;
    this.#holdTimeouts.get(job.id)?.();
  }

  /** A terminal connection to the runner ended; during the hold that releases the job. */
  terminalDetached(jobId: number): void {
    const job = this.#deps.store.jobs.get(jobId);
    if (job?.phase.kind !== 'hold') return;
    this.#clearTimers(jobId);
    this.#deps.log.write(job, [infoLine('Terminal disconnected')]);
    this.#finishSoon(job);
  }

  /** Cancel as the API does; returns false when the job was no longer cancelable. */
  cancel(job: Job): boolean {
    if (job.status !== 'pending' && job.status !== 'running') return false;
    this.#clearTimers(job.id);
    // Job context done: the runner kills the session and adds nothing about the terminal.
    this.#end(job, 'canceled', null);
    return true;
  }

  /**
   * Ci::RetryJobService: a new job in the same pipeline (same name, stage, ref, executor and
   * script), owned by the user who retried it, picked up by the runner shortly.
   */
  retry(job: Job, userId: number = job.userId): Job {
    const id = this.#deps.store.nextJobId();
    const clone: Job = {
      ...job,
      id,
      userId,
      createdAt: new Date(),
      status: 'pending',
      startedAt: null,
      finishedAt: null,
      failureReason: null,
      retried: false,
      runnerSession: null,
      phase: { kind: 'queued' },
      log: '',
    };
    job.retried = true;
    this.#deps.store.addJob(clone);
    this.#after(id, RETRY_PICKUP_DELAY_MS, () => {
      this.start(clone);
    });
    this.#deps.publish(id);
    return clone;
  }

  /** The runner re-registers the job's session: new URL and token, old channels are stale. */
  rotateSession(job: Job): void {
    if (job.runnerSession === null) return;
    job.runnerSession = newRunnerSession();
    this.#deps.publish(job.id);
  }

  /** Stops every timer; nothing is scheduled after this. */
  close(): void {
    this.#closed = true;
    for (const id of [...this.#timers.keys()]) this.#clearTimers(id);
  }

  #hold(job: Job): void {
    const elapsedS = (Date.now() - (job.startedAt?.getTime() ?? Date.now())) / MS_PER_S;
    const seconds = Math.min(this.#deps.sessionTimeoutS, job.timeoutSeconds - elapsedS);
    const shown = goDuration(seconds);
    job.phase = {
      kind: 'hold',
      seconds: Math.round(seconds),
      deadline: Date.now() + seconds * MS_PER_S,
    };
    this.#deps.log.write(job, [infoLine(`Terminal is connected, will time out in ${shown}...`)]);
    const timedOut = (): void => {
      this.#clearTimers(job.id);
      this.#deps.log.write(job, [
        infoLine(`terminal session timed out (maximum time allowed - ${shown})`),
      ]);
      this.#finishSoon(job);
      this.#deps.terminals.kill(job.id, 'hold-timeout');
    };
    this.#holdTimeouts.set(job.id, timedOut);
    this.#after(job.id, seconds * MS_PER_S, timedOut);
    this.#deps.publish(job.id);
  }

  #finishSoon(job: Job): void {
    job.phase = { kind: 'finishing' };
    this.#after(job.id, FINISH_DELAY_MS, () => {
      this.#finalize(job);
    });
    this.#deps.publish(job.id);
  }

  #finalize(job: Job): void {
    this.#clearTimers(job.id);
    this.#deps.log.write(job, finishLines(job));
    this.#end(
      job,
      job.exitCode === 0 ? 'success' : 'failed',
      job.exitCode === 0 ? null : 'script_failure',
    );
  }

  #timedOut(job: Job): void {
    this.#clearTimers(job.id);
    this.#deps.log.write(job, jobTimeoutLines(goDuration(job.timeoutSeconds)));
    this.#end(job, 'failed', 'job_execution_timeout');
  }

  /** The final job update: Rails deletes the runner session, so live terminals go too. */
  #end(job: Job, status: JobStatus, failureReason: string | null): void {
    job.status = status;
    job.failureReason = failureReason;
    job.finishedAt = new Date();
    job.runnerSession = null;
    job.phase = { kind: 'done' };
    this.#deps.terminals.kill(job.id, 'job-ended');
    this.#deps.publish(job.id);
  }

  #fillHistory(job: Job, projectPath: string, canceled: boolean): void {
    const created = job.createdAt.getTime();
    job.status = canceled ? 'canceled' : job.exitCode === 0 ? 'success' : 'failed';
    job.failureReason = canceled || job.exitCode === 0 ? null : 'script_failure';
    job.startedAt = new Date(created + HISTORY.queuedS * MS_PER_S);
    job.finishedAt = new Date(created + (HISTORY.queuedS + HISTORY.ranS) * MS_PER_S);
    job.phase = { kind: 'done' };
    this.#deps.log.write(job, historicalLog(job, projectPath));
  }

  #after(jobId: number, ms: number, fn: () => void): void {
    if (this.#closed) return;
    const timer = setTimeout(
      () => {
        this.#timers.get(jobId)?.delete(timer);
        fn();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    this.#track(jobId, timer);
  }

  #track(jobId: number, timer: NodeJS.Timeout): void {
    if (this.#closed) {
      clearTimeout(timer);
      return;
    }
    let set = this.#timers.get(jobId);
    if (set === undefined) {
      set = new Set();
      this.#timers.set(jobId, set);
    }
    set.add(timer);
  }

  #clearTimers(jobId: number): void {
    for (const timer of this.#timers.get(jobId) ?? []) clearTimeout(timer);
    this.#timers.delete(jobId);
    this.#holdTimeouts.delete(jobId);
  }
}
