/**
 * What AppCore does for each contract request and notification: one line per name, routed to the
 * service that owns it. Grouped by area so each group reads on one screen; the spread in
 * `requestHandlers` is checked against the contract, so a request without a handler fails to build.
 */
import {
  ContractError,
  type EventPayloads,
  type NotificationName,
  type NotificationParams,
  type RequestName,
  type RequestParams,
  type RequestResult,
} from '../../shared/contract';
import type { Emitter } from '../../shared/event-emitter';
import type { AppCoreDeps } from './app-core-deps';
import { validateExternalUrl } from './external-url';
import type { JobTerminalModel } from './hold/job-terminals';
import type { RetryService } from './retry/retry-service';
import { ACCOUNT_REMOVED } from './terminal/close-reasons';

export type Handlers = {
  [M in RequestName]: (params: RequestParams<M>) => Promise<RequestResult<M>> | RequestResult<M>;
};
export type NotificationHandlers = {
  [N in NotificationName]: (params: NotificationParams<N>) => void;
};

/** What the handlers share: the services, the one emitter, and the job terminal model. */
export interface RequestContext {
  readonly deps: AppCoreDeps;
  readonly emit: Emitter<EventPayloads>['emit'];
  readonly model: JobTerminalModel;
}

type HandlersFor<Prefix extends string> = Pick<
  Handlers,
  Extract<RequestName, `${Prefix}.${string}`>
>;

/** Every request's handler. */
export function requestHandlers(context: RequestContext): Handlers {
  return {
    ...appRequests(context),
    ...accountRequests(context),
    ...jobRequests(context),
    ...terminalRequests(context),
    ...featureRequests(context),
  };
}

function appRequests({ deps, emit }: RequestContext): HandlersFor<'app' | 'settings' | 'shell'> {
  return {
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
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
    'shell.openExternal': async ({ url }) => {
      await deps.openExternal(validateExternalUrl(url));
      return null;
    },
  };
}

function accountRequests({ deps }: RequestContext): HandlersFor<'accounts'> {
  const { accounts, terminals } = deps;
  return {
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
  };
}

function jobRequests({
  deps,
  model,
}: RequestContext): HandlersFor<'jobs' | 'jobTerminals' | 'notifications'> {
  const { jobs, terminals } = deps;
  return {
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
    'jobTerminals.get': () => model.snapshot(),
    'notifications.act': ({ notificationId, action }) => {
      deps.notifier.close(notificationId);
      // An alert whose hold has ended does nothing, and says why ("already released").
      const refused = model.refuse(notificationId, action);
      if (refused !== null) return refused;
      terminals.notificationAction(notificationId, action);
      return { applied: true, message: null };
    },
  };
}

function terminalRequests({ deps, emit }: RequestContext): HandlersFor<'terminal'> {
  const { terminals } = deps;
  return {
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
  };
}

/** Retry with terminal, attach history and broadcast input (issues 14–15). */
function featureRequests({
  deps,
}: RequestContext): HandlersFor<'retry' | 'history' | 'transcripts' | 'broadcast'> {
  const { history, broadcast } = deps;
  const retries = (): RetryService => {
    if (deps.retries === undefined)
      throw new ContractError('unavailable', 'Retry with terminal is not available here.');
    return deps.retries;
  };
  return {
    'retry.check': ({ target }) => retries().check(target),
    'retry.start': ({ target, confirmed }) => retries().start(target, confirmed),
    'retry.list': () => retries().list(),
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
}

/** Every notification's handler (fire-and-forget messages from the page). */
export function notificationHandlers({ deps }: RequestContext): NotificationHandlers {
  const { broadcast, terminals, jobs } = deps;
  return {
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
}
