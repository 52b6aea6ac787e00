/**
 * The app's attach history: a recorder fed by the terminal service, the store it writes to, and
 * the contract's history requests (list, export, remove an account's sessions).
 */
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/contract';
import {
  filterHistory,
  historyTotals,
  type HistoryFilter,
  type HistoryList,
  type HistoryRecord,
} from '../../../shared/history-models';
import type { AccountView, JobView, SessionView, Transcript } from '../../../shared/models';
import type { TranscriptSettings } from '../../../shared/transcript-settings';
import type { Clock, DataFiles, HistoryFileAt, Logger } from '../ports';
import type { TerminalService, Unsubscribe } from '../services';
import type { HoldTracker } from '../hold/hold-seam';
import { exportHistory, type HistoryExportFormat } from './history-export';
import {
  createHistoryRecorder,
  type HistoryRecorderDeps,
  type SessionFacts,
} from './history-recorder';
import { createHistoryStore } from './history-store';

export interface HistoryServiceDeps {
  /** The history's file; null keeps it in memory for this run (and no transcript is read). */
  readonly file: HistoryFileAt | null;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Read when a session ends: the account's name and the job's pipeline. */
  readonly accounts: () => readonly AccountView[];
  readonly jobs: () => readonly { readonly jobs: readonly JobView[] }[];
  readonly saveTranscripts?: HistoryRecorderDeps['saveTranscripts'];
  /** Automatic transcripts' settings (issue 15 part 3), kept with the history they link from. */
  readonly transcripts?: {
    readonly settings: () => TranscriptSettings;
    readonly update: (next: TranscriptSettings) => TranscriptSettings;
  };
}

export interface HistoryService {
  list(): HistoryList;
  export(format: HistoryExportFormat, filter: HistoryFilter): Transcript;
  transcriptSettings(): TranscriptSettings;
  updateTranscriptSettings(next: TranscriptSettings): TranscriptSettings;
  /** The saved transcript of a record, read from its file. */
  transcript(recordId: string, format: 'text' | 'asciicast'): Promise<Transcript>;
  /** Removes the account's sessions (also those `jobshell attach` recorded for the same user). */
  removeAccount(accountId: string): Promise<number>;
  onChange(listener: (list: HistoryList) => void): Unsubscribe;
  wrapHoldTracker(tracker: HoldTracker): HoldTracker;
  /** Loads the history and starts recording the terminal service's sessions. */
  start(terminals: TerminalService): Promise<void>;
  /** Records the sessions still open as closed and writes everything. */
  finish(): Promise<void>;
}

const NO_TRANSCRIPTS = 'Automatic transcripts are not available here.';

/** Creates the app's history service over `deps.file` (null: memory only). */
export function createHistoryService(deps: HistoryServiceDeps): HistoryService {
  const store = createHistoryStore(deps.file, deps.clock, deps.logger);
  const recorder = createHistoryRecorder({
    clock: deps.clock,
    logger: deps.logger,
    store,
    source: 'app',
    runId: randomBytes(4).toString('hex'),
    facts: (view) => appFacts(deps, view),
    closedSentence: 'You closed the tab.',
    ...(deps.saveTranscripts === undefined ? {} : { saveTranscripts: deps.saveTranscripts }),
  });
  const subscriptions: Unsubscribe[] = [];
  return {
    list: () => store.list(),
    export: (format, filter) => {
      const { records, problem } = store.list();
      const chosen = filterHistory(records, filter);
      const now = deps.clock.now();
      return exportHistory(
        { records: chosen, totals: historyTotals(chosen, now), problem },
        format,
        now,
      );
    },
    transcriptSettings: () => {
      if (deps.transcripts === undefined) throw new ContractError('unavailable', NO_TRANSCRIPTS);
      return deps.transcripts.settings();
    },
    updateTranscriptSettings: (next) => {
      if (deps.transcripts === undefined) throw new ContractError('unavailable', NO_TRANSCRIPTS);
      return deps.transcripts.update(next);
    },
    transcript: async (recordId, format) => {
      const record = store.list().records.find((r) => r.id === recordId);
      const file = format === 'text' ? record?.transcripts?.text : record?.transcripts?.asciicast;
      if (file === undefined || deps.file === null) {
        throw new ContractError('not-found', 'This session has no saved transcript.');
      }
      return readTranscript(deps.file.files, file, format);
    },
    removeAccount: (accountId) => {
      const account = deps.accounts().find((a) => a.id === accountId);
      const label = account === undefined ? null : accountLabel(account);
      return store.remove(
        (r: HistoryRecord) =>
          r.accountId === accountId ||
          (r.accountId === null &&
            account !== undefined &&
            r.account === label &&
            r.instance === account.baseUrl),
      );
    },
    onChange: (listener) => store.onChange(() => listener(store.list())),
    wrapHoldTracker: (tracker) => recorder.wrapHoldTracker(tracker),
    start: async (terminals) => {
      await store.load();
      subscriptions.push(
        terminals.onSessions((views) => recorder.sessions(views)),
        terminals.onClosing((view) => recorder.closing(view)),
      );
    },
    finish: async () => {
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
      await recorder.finish();
    },
  };
}

async function readTranscript(
  files: DataFiles,
  file: string,
  format: 'text' | 'asciicast',
): Promise<Transcript> {
  let content: string | null;
  try {
    content = await files.readText(file);
  } catch (error) {
    throw new ContractError(
      'not-found',
      `The transcript ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (content === null) {
    throw new ContractError(
      'not-found',
      `The transcript ${file} could not be read: it no longer exists.`,
    );
  }
  return {
    filename: files.basename(file),
    mimeType: format === 'text' ? 'text/plain' : 'application/x-asciicast',
    content,
  };
}

/** `@alice on gitlab.example.com`: the same words for the app's and the CLI's records. */
export function accountLabel(account: {
  readonly username: string;
  readonly host: string;
}): string {
  return `@${account.username} on ${account.host}`;
}

function appFacts(deps: HistoryServiceDeps, view: SessionView): SessionFacts {
  const account = deps.accounts().find((a) => a.id === view.accountId);
  const job = deps
    .jobs()
    .flatMap((group) => group.jobs)
    .find((j) => j.accountId === view.accountId && j.id === view.jobId);
  return {
    accountId: view.accountId,
    account: account === undefined ? view.accountId : accountLabel(account),
    instance: account?.baseUrl ?? new URL(view.webUrl).origin,
    pipelineId: job?.pipelineId ?? null,
  };
}
