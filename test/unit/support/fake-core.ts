import type {
  CoreEndpoint,
  EventListener,
  NotificationName,
  NotificationParams,
  RequestName,
  RequestParams,
  RequestResult,
} from '../../../src/shared/contract';

/**
 * A CoreEndpoint that records what reached it, for transport tests: they check what a transport
 * lets through, not what the services do with it.
 */
export class RecordingCore implements CoreEndpoint {
  readonly requests: { method: RequestName; params: unknown }[] = [];
  readonly notifications: { name: NotificationName; params: unknown }[] = [];
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly answer: (method: RequestName, params: unknown) => unknown = () => null,
  ) {}

  request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
    this.requests.push({ method, params });
    return Promise.resolve().then(() => this.answer(method, params) as RequestResult<M>);
  }

  notify<N extends NotificationName>(name: N, params: NotificationParams<N>): void {
    this.notifications.push({ name, params });
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit: EventListener = (name, payload) => {
    for (const listener of this.listeners) listener(name, payload);
  };
}
