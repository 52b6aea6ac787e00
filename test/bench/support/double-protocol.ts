/**
 * Messages between the bench process and the GitLab double running in its own process
 * (double-host.ts). The double runs apart so that its shells, PTYs and Workhorse frames neither
 * share the core's event loop nor count in the core's memory, as with a real, remote GitLab.
 */
import type { Counters, CreateJobSpec, JobInfo, StartInfo } from '../../gitlab-double';

export interface DoubleRequests {
  info: { args: null; result: StartInfo };
  createJob: { args: CreateJobSpec; result: JobInfo };
  counters: { args: null; result: Counters };
  /**
   * Reports (once) the wall-clock time at which the double's Workhorse next sends a terminal
   * frame containing `patternHex`: the moment "the double echoes" something.
   */
  armEcho: { args: { readonly patternHex: string }; result: null };
  /** Bytes the double's Workhorse handed to ws that the kernel has not taken yet (all sockets). */
  outputQueued: { args: null; result: number };
  close: { args: null; result: null };
}

export type DoubleOp = keyof DoubleRequests;

export interface DoubleRequestMessage {
  readonly id: number;
  readonly op: DoubleOp;
  readonly args: unknown;
}

export type DoubleReplyMessage =
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly kind: 'echo'; readonly at: number }
  | { readonly kind: 'ready'; readonly info: StartInfo };
