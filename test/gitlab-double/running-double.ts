import type { Server } from 'node:http';
import { SESSION_COOKIE } from './core/constants';
import type { DoubleContext } from './core/context';
import type { GitlabDouble } from './core/double-api';
import { DoubleInputError, UnknownJobError } from './core/errors';
import type { DoubleEvents } from './core/events';
import type {
  AdminJobView,
  Counters,
  CreateJobSpec,
  Credential,
  FaultSpec,
  JobInfo,
  ProjectInfo,
  ProjectSpec,
  RunnerFault,
  StartInfo,
  Utf8SplitMode,
} from './core/types';
import { parseCookies } from './http/request';
import type { TempDirs } from './runner/temp-dirs';
import type { Job, Project } from './state/model';
import { adminJobView, jobInfo, projectInfo } from './state/views';
import { cookiePair } from './web/web-session';
import type { Workhorse } from './workhorse/workhorse';
import { f9Command, type F9Kind } from './faults/f9-inputs';
import type { ConnectionCut, LinkShape } from './faults/link-faults';

/** The GitlabDouble handed to tests: thin methods over the context, plus the shutdown order. */
export class RunningDouble implements GitlabDouble {
  readonly info: StartInfo;
  readonly url: string;
  readonly adminUrl: string;
  readonly events: DoubleEvents;
  readonly #ctx: DoubleContext;
  readonly #server: Server;
  readonly #workhorse: Workhorse;
  readonly #tempDirs: TempDirs;
  readonly #destroySockets: () => void;
  #closing: Promise<void> | null = null;

  constructor(
    ctx: DoubleContext,
    server: Server,
    workhorse: Workhorse,
    tempDirs: TempDirs,
    info: StartInfo,
    destroySockets: () => void,
  ) {
    this.#ctx = ctx;
    this.#server = server;
    this.#workhorse = workhorse;
    this.#tempDirs = tempDirs;
    this.#destroySockets = destroySockets;
    this.info = info;
    this.url = info.url;
    this.adminUrl = info.admin;
    this.events = ctx.events;
  }

  createJob(spec: CreateJobSpec): JobInfo {
    const job = this.#ctx.runner.create(spec);
    return jobInfo(job, this.#project(job), this.url);
  }

  endScript(jobId: number): void {
    this.#ctx.runner.endScript(this.#job(jobId));
  }

  finishJob(jobId: number): void {
    this.#ctx.runner.finish(this.#job(jobId));
  }

  cancelJob(jobId: number): void {
    this.#ctx.runner.cancel(this.#job(jobId));
  }

  timeOutHold(jobId: number): void {
    this.#ctx.runner.timeOutHold(this.#job(jobId));
  }

  newSession(username: string): string {
    const user = this.#ctx.store.userByUsername(username);
    if (user === undefined) throw new DoubleInputError(`unknown user "${username}"`);
    return cookiePair(this.#ctx.store.newSession(user.id));
  }

  revoke(credential: Credential): void {
    const { store } = this.#ctx;
    if ('cookie' in credential) {
      // Accept the Cookie pair from the start line or a bare session id.
      const id = parseCookies(credential.cookie).get(SESSION_COOKIE) ?? credential.cookie;
      if (!store.sessions.delete(id)) throw new DoubleInputError('unknown session');
      return;
    }
    const token = store.tokens.get(credential.token);
    if (token === undefined) throw new DoubleInputError('unknown token');
    token.revoked = true;
  }

  injectFaults(fault: FaultSpec): void {
    this.#ctx.faults.inject(fault);
  }

  setHandshakeDelay(ms: number): void {
    this.#ctx.settings.handshakeDelayMs = Math.max(0, ms);
  }

  halfOpen(): void {
    this.#workhorse.halfOpen();
  }

  setRunnerFault(jobId: number, fault: RunnerFault | null): void {
    this.#job(jobId);
    this.#ctx.sessionServer.setFault(jobId, fault);
  }

  addProject(spec: ProjectSpec): ProjectInfo {
    return projectInfo(this.#ctx.store.addProject(spec), this.url);
  }

  jobsAdmin(): AdminJobView[] {
    return [...this.#ctx.store.jobs.values()].map((job) => this.#view(job));
  }

  counters(): Counters {
    return this.#ctx.counters.snapshot();
  }

  resetCounters(): void {
    this.#ctx.counters.reset();
  }

  trace(jobId: number): string {
    return this.#job(jobId).log;
  }

  setUtf8Split(mode: Utf8SplitMode): void {
    this.#ctx.settings.utf8Split = mode;
  }

  cutConnections(fault: ConnectionCut): number {
    return this.#workhorse.links.cut(fault);
  }

  setLinkShape(shape: LinkShape): void {
    this.#workhorse.links.setShape(shape);
  }

  typeF9Input(jobId: number, kind: F9Kind, bytes?: number): void {
    const terminal = this.#ctx.sessionServer.terminalOf(this.#job(jobId).id);
    if (terminal === undefined) throw new DoubleInputError(`job ${jobId} has no terminal attached`);
    terminal.write(Buffer.from(f9Command(kind, bytes)));
  }

  setExternalUrl(url: string | null): void {
    this.#ctx.settings.externalUrl = url;
  }

  rotateRunnerSession(jobId: number): void {
    this.#ctx.runner.rotateSession(this.#job(jobId));
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  publish(jobId: number): void {
    const job = this.#ctx.store.jobs.get(jobId);
    if (job !== undefined) this.events.emit('job-updated', this.#view(job));
  }

  async #shutDown(): Promise<void> {
    // Stop accepting first, so nothing new starts while the rest winds down.
    const serverClosed = new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
    this.#ctx.runner.close();
    this.#workhorse.closeAll();
    await this.#ctx.sessionServer.closeAll();
    this.#server.closeAllConnections();
    this.#destroySockets();
    await serverClosed;
    this.#tempDirs.removeAll();
  }

  #job(jobId: number): Job {
    const job = this.#ctx.store.jobs.get(jobId);
    if (job === undefined) throw new UnknownJobError(`unknown job ${jobId}`);
    return job;
  }

  #project(job: Job): Project {
    const project = this.#ctx.store.projects.get(job.projectId);
    if (project === undefined) throw new UnknownJobError(`job ${job.id} has no project`);
    return project;
  }

  #view(job: Job): AdminJobView {
    return adminJobView(
      job,
      this.#project(job),
      this.url,
      this.#ctx.sessionServer.isConnected(job.id),
    );
  }
}
