import type { F9Kind } from '../faults/f9-inputs';
import type { ConnectionCut, LinkShape } from '../faults/link-faults';
import type { DoubleEvents } from './events';
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
} from './types';

/** A running GitLab + Workhorse + Runner double; every admin route has a method here. */
export interface GitlabDouble {
  /** Exactly the JSON object the standalone server prints. */
  readonly info: StartInfo;
  /** Base URL including the relative root, no trailing slash. */
  readonly url: string;
  readonly adminUrl: string;
  readonly events: DoubleEvents;
  createJob(spec: CreateJobSpec): JobInfo;
  endScript(jobId: number): void;
  cancelJob(jobId: number): void;
  /**
   * The job finishes now with its script's result, also while a terminal holds it (the runner's
   * final update: the terminal drops). For "the job finished under an open terminal".
   */
  finishJob(jobId: number): void;
  /**
   * Addition: a held job's session_timeout runs out now (the runner's log line, the terminal drops,
   * the job finishes), so a test need not wait for it in real time; a no-op unless the job is held.
   */
  timeOutHold(jobId: number): void;
  /** A fresh signed-in session; returns a Cookie header value "_gitlab_session=...". */
  newSession(username: string): string;
  revoke(credential: Credential): void;
  injectFaults(fault: FaultSpec): void;
  setHandshakeDelay(ms: number): void;
  /** Open terminals stop sending and answering (no pongs) until the client drops them. */
  halfOpen(): void;
  setRunnerFault(jobId: number, fault: RunnerFault | null): void;
  addProject(spec: ProjectSpec): ProjectInfo;
  jobsAdmin(): AdminJobView[];
  counters(): Counters;
  resetCounters(): void;
  /** The raw job log. */
  trace(jobId: number): string;
  /** Addition: how output is cut into frames ('always' proves split UTF-8 handling). */
  setUtf8Split(mode: Utf8SplitMode): void;
  /** Addition: the runner re-registers the job's session (new URL and token). */
  rotateRunnerSession(jobId: number): void;
  /** Addition (F1): a FIN or an RST on every open terminal connection now; returns how many. */
  cutConnections(fault: ConnectionCut): number;
  /** Addition (F12): latency and segment size of terminal connections that start from now on. */
  setLinkShape(shape: LinkShape): void;
  /** Addition (F9): the job's attached shell prints a huge line or OSC string (faults/f9-inputs). */
  typeF9Input(jobId: number, kind: F9Kind, bytes?: number): void;
  /** Addition: GitLab's external_url for web_url in the API (null: the served address). */
  setExternalUrl(url: string | null): void;
  /** Ends every shell, closes the server, removes temp dirs. */
  close(): Promise<void>;
}
