/**
 * What a terminal session is about (its job) and what it needs from the service around it. Types
 * only, plus the one reason every part of a session gives when its account is signed out.
 */
import type { CloseReason, LogUpdate } from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, Logger } from '../ports';
import type { AccountConnection, AuthFailureSource } from '../services';
import { reason } from './close-reasons';
import type { FlowLimits } from './flow-control';
import type { HoldTracker } from '../hold/hold-seam';
import type { SocketFactory } from './socket';
import type { TerminalTuning } from './tuning';

/** The job a session talks to. */
export interface SessionTarget {
  readonly accountId: string;
  readonly host: string;
  readonly jobId: number;
  readonly projectId: number;
  readonly projectPath: string;
  readonly jobName: string;
  readonly webUrl: string;
}

/** What a session needs from the service around it. */
export interface SessionEnv {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tuning: TerminalTuning;
  readonly random: () => number;
  readonly createSocket: SocketFactory;
  readonly userAgent: string;
  readonly flowLimits?: FlowLimits;
  readonly holdTracker?: HoldTracker;
  /**
   * Write the core's own lines (session ended, reconnected, output dropped) into the output. Off
   * for a client that reports these itself from the session view (the CLI, on stderr).
   */
  readonly markers: boolean;
  /** The account's current credentials (they may change after a re-sign-in), null when signed out. */
  connection(): AccountConnection | null;
  client(connection: AccountConnection): GitlabClient;
  reportAuthFailure(source: AuthFailureSource): void;
  readonly output: (data: Uint8Array) => void;
  changed(): void;
  followedLog(update: LogUpdate): void;
  /** Resolves once no other socket to this job is still closing. */
  previousClosed(): Promise<void>;
}

/** Why a session cannot go on: its account has no signed-in connection. */
export function signedOutReason(host: string): CloseReason {
  return reason(
    'sign-in-required',
    `No signed-in account for ${host}: sign in again, then reconnect.`,
  );
}
