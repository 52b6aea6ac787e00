/**
 * AppCore implements the contract by routing requests to the services and forwarding their events.
 * It holds no product rule of its own: those live in the services it composes.
 */
import type {
  CoreEndpoint,
  EventPayloads,
  NotificationName,
  NotificationParams,
  RequestName,
  RequestParams,
  RequestResult,
} from '../../shared/contract';
import { createEmitter } from '../../shared/event-emitter';
import { forwardServiceEvents } from './app-events';
import { notificationHandlers, requestHandlers, type RequestContext } from './app-requests';
import type { AppCoreDeps } from './app-core-deps';
import { createJobTerminalModel } from './hold/job-terminals';

export type { AppCoreDeps } from './app-core-deps';

export interface AppCore extends CoreEndpoint {
  start(): Promise<void>;
  dispose(): Promise<void>;
  /**
   * The platform says the machine woke from sleep (Electron: powerMonitor 'resume'): terminals
   * check once and re-base their timers, the job lists refresh once (quality F13).
   */
  resumed(): void;
}

/** Builds the contract endpoint over the given services. */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const { accounts, jobs, terminals } = deps;
  // Services' events reach the transports through this one emitter (issue 17 item 3).
  const events = createEmitter<EventPayloads>();
  const model = createJobTerminalModel(deps.notifier);
  const context: RequestContext = { deps, emit: events.emit, model };
  const handlers = requestHandlers(context);
  const notifications = notificationHandlers(context);
  const subscriptions = forwardServiceEvents(context);

  return {
    request: <M extends RequestName>(method: M, params: RequestParams<M>) => {
      const handler = handlers[method] as (
        p: RequestParams<M>,
      ) => Promise<RequestResult<M>> | RequestResult<M>;
      return Promise.resolve().then(() => handler(params));
    },
    notify: <N extends NotificationName>(name: N, params: NotificationParams<N>) => {
      (notifications[name] as (p: NotificationParams<N>) => void)(params);
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
