import type { FaultQueue } from '../api/fault-queue';
import type { JobRunner } from '../runner/job-runner';
import type { SessionServer } from '../runner/session-server';
import type { Store } from '../state/store';
import type { CounterSet } from './counters';
import type { DoubleEvents } from './events';
import type { Utf8SplitMode } from './types';

/** Options after defaults, plus what is known once the server listens. */
export interface ResolvedConfig {
  readonly root: string;
  /** scheme://127.0.0.1:port + root, no trailing slash. */
  readonly baseUrl: string;
  readonly tls: boolean;
  readonly sessionTimeoutS: number;
  readonly timestamps: boolean;
  readonly reauthIntervalMs: number;
  readonly pingIntervalMs: number;
  readonly runnerReadyTimeoutMs: number;
  readonly scriptSeconds: number;
  readonly jobsRateLimitPerMinute: number;
}

/** Knobs tests turn while the double runs. */
export interface MutableSettings {
  handshakeDelayMs: number;
  utf8Split: Utf8SplitMode;
  /** GitLab's `external_url` when it differs from the address served (null: the same). */
  externalUrl: string | null;
}

/** Everything a request handler may need, passed explicitly instead of module globals. */
export interface DoubleContext {
  readonly config: ResolvedConfig;
  readonly settings: MutableSettings;
  readonly store: Store;
  readonly events: DoubleEvents;
  readonly counters: CounterSet;
  readonly runner: JobRunner;
  readonly sessionServer: SessionServer;
  readonly faults: FaultQueue;
}
