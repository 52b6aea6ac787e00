/**
 * AppCore implements the contract by routing requests to the services and forwarding their events.
 * It holds no product rule of its own: those live in the services it composes.
 */
import {
  ContractError,
  type CoreEndpoint,
  type EventPayloads,
  type NotificationName,
  type NotificationParams,
  type RequestName,
  type RequestParams,
  type RequestResult,
} from '../../shared/contract';
import { createEmitter } from '../../shared/event-emitter';
import type { AppInfo } from '../../shared/models';
import type { Broadcaster } from './broadcast/broadcaster';
import { validateExternalUrl } from './external-url';
import { createJobTerminalModel } from './hold/job-terminals';
import type { Notifier } from './ports';
import type { RetryService } from './retry/retry-service';
import type { AccountsService, JobsService, TerminalService, Unsubscribe } from './services';
import type { HistoryService } from './history/history-service';
import type { SettingsService } from './settings/settings-service';
import { ACCOUNT_REMOVED } from './terminal/close-reasons';

export interface AppCoreDeps {
  /** Read on every request: secret storage can change at the user's choice. */
  readonly info: () => AppInfo;
  /** Switches secrets to the unencrypted file; null where that choice does not exist. */
  readonly allowUnencryptedSecrets: (() => Promise<void>) | null;
  readonly accounts: AccountsService;
  readonly jobs: JobsService;
  readonly terminals: TerminalService;
  readonly settings: SettingsService;
  readonly notifier: Notifier;
  /** Opens an already validated http(s) URL in the user's browser. */
  readonly openExternal: (url: string) => Promise<void>;
  /** Retry with terminal; absent where it is not composed (its requests then say so). */
  readonly retries?: RetryService;
  /** Attach history (issue 15). */
  readonly history: HistoryService;
  /** Broadcast input (issue 15): every keystroke goes through it to the terminals. */
  readonly broadcast: Broadcaster;
}

export interface AppCore extends CoreEndpoint {
  start(): Promise<void>;
  dispose(): Promise<void>;
  /**
   * The platform says the machine woke from sleep (Electron: powerMonitor 'resume'): terminals
   * check once and re-base their timers, the job lists refresh once (quality F13).
   */
  resumed(): void;
}

type Handlers = {
  [M in RequestName]: (params: RequestParams<M>) => Promise<RequestResult<M>> | RequestResult<M>;
};
type NotificationHandlers = { [N in NotificationName]: (params: NotificationParams<N>) => void };

/** Builds the contract endpoint over the given services. */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const { accounts, jobs, terminals, settings, history, broadcast } = deps;
  // Services' events reach the transports through this one emitter (issue 17 item 3).
  const events = createEmitter<EventPayloads>();
  const emit = events.emit;
  const model = createJobTerminalModel(deps.notifier);
  const retries = (): RetryService => {
    if (deps.retries === undefined)
      throw new ContractError('unavailable', 'Retry with terminal is not available here.');
    return deps.retries;
  };

  const handlers: Handlers = {
    'app.info': () => deps.info(),
    'app.allowUnencryptedSecrets': async () => {
      if (deps.allowUnencryptedSecrets === null || !deps.info().unencryptedOptIn) {
        throw new ContractError(
          'conflict',
          'There is nothing to allow: secrets are already stored on disk.',
        );
      }
      await deps.allowUnencryptedSecrets();
      emit('app.changed', deps.info());
      return deps.info();
    },
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'accounts.list': () => accounts.list(),
    'accounts.add': (params) => accounts.add(params),
    'accounts.signIn': ({ accountId, session }) => accounts.signIn(accountId, session),
    'accounts.setToken': ({ accountId, token }) => accounts.setToken(accountId, token),
    'accounts.update': (params) => accounts.update(params),
    'accounts.setNetwork': (params) => accounts.setNetwork(params),
    'accounts.remove': async ({ accountId }) => {
      try {
        await accounts.remove(accountId);
      } finally {
        // Also when only wiping its sign-in window failed: the account itself is gone by then.
        if (!accounts.list().some((account) => account.id === accountId)) {
          terminals.closeAccount(accountId, ACCOUNT_REMOVED);
        }
      }
      return null;
    },
    'accounts.inspectCertificate': ({ baseUrl }) => accounts.inspectCertificate(baseUrl),
    'jobs.get': () => jobs.snapshot(),
    'jobs.refresh': () => {
      jobs.refresh();
      return null;
    },
    'jobs.pinProject': async ({ accountId, project }) => {
      await jobs.pinProject(accountId, project);
      return null;
    },
    'jobs.cancel': async ({ accountId, projectId, jobId }) => {
      await jobs.cancel(accountId, projectId, jobId);
      return null;
    },
    'terminal.open': ({ target }) => terminals.open(target),
    'terminal.list': () => terminals.list(),
    'terminal.focus': ({ sessionId }) => {
      emit('session.focus', { sessionId });
      return null;
    },
    'terminal.close': ({ sessionId }) => {
      terminals.close(sessionId);
      return null;
    },
    'terminal.reconnect': ({ sessionId }) => {
      terminals.reconnect(sessionId);
      return null;
    },
    'terminal.release': ({ sessionId }) => {
      terminals.release(sessionId);
      return null;
    },
    'terminal.releaseAllIdle': () => ({ released: terminals.releaseAllIdle() }),
    'terminal.keep': ({ sessionId }) => {
      terminals.keep(sessionId);
      return null;
    },
    'terminal.syncSize': ({ sessionId, cols, rows }) => {
      terminals.syncSize(sessionId, cols, rows);
      return null;
    },
    'terminal.transcript': ({ sessionId, format }) => terminals.transcript(sessionId, format),
    'terminal.log': ({ sessionId, follow }) => terminals.log(sessionId, follow),
    'jobTerminals.get': () => model.snapshot(),
    'retry.check': ({ target }) => retries().check(target),
    'retry.start': ({ target, confirmed }) => retries().start(target, confirmed),
    'retry.list': () => retries().list(),
    'notifications.act': ({ notificationId, action }) => {
      deps.notifier.close(notificationId);
      // An alert whose hold has ended does nothing, and says why ("already released").
      const refused = model.refuse(notificationId, action);
      if (refused !== null) return refused;
      terminals.notificationAction(notificationId, action);
      return { applied: true, message: null };
    },
    'shell.openExternal': async ({ url }) => {
      await deps.openExternal(validateExternalUrl(url));
      return null;
    },
    'history.list': () => history.list(),
    'history.export': ({ format, filter }) => history.export(format, filter),
    'transcripts.settings': () => history.transcriptSettings(),
    'transcripts.update': (next) => history.updateTranscriptSettings(next),
    'history.transcript': ({ recordId, format }) => history.transcript(recordId, format),
    'history.removeAccount': async ({ accountId }) => ({
      removed: await history.removeAccount(accountId),
    }),
    'broadcast.get': () => broadcast.view(),
    'broadcast.set': ({ sessionIds }) => broadcast.set(sessionIds),
  };

  const notificationHandlers: NotificationHandlers = {
    'terminal.input': ({ sessionId, data }) => {
      broadcast.input(sessionId, data);
    },
    'terminal.paste': ({ sessionId, data, bracketed }) => {
      terminals.paste(sessionId, data, bracketed);
    },
    'terminal.ack': ({ sessionId, bytes }) => {
      terminals.ack(sessionId, bytes);
    },
    'app.visibility': ({ visible, focused }) => {
      jobs.setVisibility(visible, focused);
    },
    'broadcast.paste': ({ sessionId, data, bracketed }) => {
      broadcast.paste(sessionId, data, bracketed);
    },
  };

  const subscriptions: Unsubscribe[] = [
    accounts.onChange((list) => {
      emit('accounts.changed', list);
    }),
    jobs.onChange((list) => {
      emit('jobs.changed', list);
    }),
    terminals.onSessions((list) => {
      jobs.setOpenTerminals(list.filter((s) => s.state.kind !== 'closed').length);
      emit('sessions.changed', list);
      model.update(list);
    }),
    model.onChange((snapshot) => {
      emit('jobTerminals.changed', snapshot);
    }),
    terminals.onOutput((chunks) => {
      emit('terminal.output', chunks);
    }),
    terminals.onLog((update) => {
      emit('log.update', update);
    }),
    terminals.onNotification((notification) => {
      // An alert that arrives after its hold ended is never shown.
      if (!model.alert(notification)) return;
      if (settings.get().notifications) deps.notifier.show(notification);
      emit('notification', notification);
    }),
    terminals.onFocus((sessionId) => {
      emit('session.focus', { sessionId });
    }),
    settings.onChange((value) => {
      emit('settings.changed', value);
    }),
    deps.retries?.onChange((list) => {
      emit('retries.changed', list);
    }) ?? (() => undefined),
    terminals.onSessions((list) => {
      broadcast.sessions(list);
    }),
    broadcast.onChange((view) => {
      emit('broadcast.changed', view);
    }),
    history.onChange((list) => {
      emit('history.changed', list);
    }),
  ];

  return {
    request: <M extends RequestName>(method: M, params: RequestParams<M>) => {
      const handler = handlers[method] as (
        p: RequestParams<M>,
      ) => Promise<RequestResult<M>> | RequestResult<M>;
      return Promise.resolve().then(() => handler(params));
    },
    notify: <N extends NotificationName>(name: N, params: NotificationParams<N>) => {
      (notificationHandlers[name] as (p: NotificationParams<N>) => void)(params);
    },
    subscribe: (listener) => events.onAny(listener),
    start: async () => {
      await accounts.start();
      jobs.start();
    },
    resumed: () => {
      terminals.resumed();
      jobs.refresh();
    },
    dispose: async () => {
      for (const unsubscribe of subscriptions) unsubscribe();
      model.dispose();
      jobs.dispose();
      deps.retries?.dispose();
      accounts.dispose();
      await terminals.dispose();
    },
  };
}
