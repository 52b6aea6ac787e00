import type { HistoryRecord } from '../../../../../src/shared/history-models';
import type { SessionState, SessionView } from '../../../../../src/shared/models';

/** A finished record; `n` makes id and times distinct. */
export function record(n: number, patch: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    id: `r${n}`,
    source: 'app',
    accountId: 'a1',
    account: '@alice on gitlab.test',
    instance: 'https://gitlab.test',
    projectId: 7,
    projectPath: 'acme/api',
    jobId: 1000 + n,
    jobName: `rspec ${n}`,
    pipelineId: 55,
    webUrl: `https://gitlab.test/acme/api/-/jobs/${1000 + n}`,
    startedAt: 1_000_000 + n * 1000,
    endedAt: 1_000_500 + n * 1000,
    outcome: 'closed',
    reason: 'You closed the tab.',
    reconnects: 0,
    heldSeconds: 0,
    releasedBy: null,
    transcripts: null,
    ...patch,
  };
}

/** A session view in `state`. */
export function sessionView(state: SessionState, patch: Partial<SessionView> = {}): SessionView {
  return {
    id: 't1-501',
    accountId: 'a1',
    jobId: 501,
    projectId: 7,
    projectPath: 'acme/api',
    jobName: 'rspec',
    webUrl: 'https://gitlab.test/acme/api/-/jobs/501',
    state,
    lastInputAt: null,
    lastOutputAt: null,
    connections: 1,
    droppedBytes: 0,
    ...patch,
  };
}
