/**
 * `jobshell attach` sessions in the attach history (issue 15): the same recorder as the app's,
 * writing into the same file, with the CLI's account facts (no stored account: accountId null).
 */
import { randomBytes } from 'node:crypto';
import {
  accountLabel,
  createHistoryRecorder,
  createHistoryStore,
  type AccountConnection,
  type Clock,
  type HistoryFileAt,
  type HistoryRecorder,
  type Logger,
} from '../main/core';

/** A recorder of this run's session into the history `file`. */
export function createAttachHistory(deps: {
  readonly file: HistoryFileAt;
  readonly connection: AccountConnection;
  readonly clock: Clock;
  readonly logger: Logger;
}): HistoryRecorder {
  const { connection } = deps;
  const account = accountLabel({
    username: connection.username,
    host: new URL(connection.baseUrl).host,
  });
  return createHistoryRecorder({
    clock: deps.clock,
    logger: deps.logger,
    store: createHistoryStore(deps.file, deps.clock, deps.logger),
    source: 'cli',
    runId: `cli${randomBytes(4).toString('hex')}`,
    facts: () => ({ accountId: null, account, instance: connection.baseUrl, pipelineId: null }),
    closedSentence: 'You detached.',
  });
}
