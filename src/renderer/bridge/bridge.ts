import {
  ContractError,
  type EventName,
  type EventPayload,
  type EventPayloads,
  type NotificationName,
  type NotificationParams,
  type RequestName,
  type RequestParams,
  type RequestResult,
} from '../../shared/contract';
import { createEmitter } from '../../shared/event-emitter';
import type { RawBridge } from '../../shared/raw-bridge';

/** The renderer's only way to the core. Which transport is underneath is known to nothing else. */
export interface Bridge {
  readonly kind: 'electron' | 'browser';
  request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>>;
  notify<N extends NotificationName>(name: N, params: NotificationParams<N>): void;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Browser mode only: the core went away (the Electron transport cannot lose its core). */
  onDisconnect(listener: () => void): () => void;
}

/** Raw event name a transport uses to say its connection to the core is gone. */
export const BRIDGE_CLOSED = 'bridge.closed';

/** Types a transport's raw surface; failures become ContractErrors with the core's sentence. */
export function createBridge(raw: RawBridge, kind: Bridge['kind']): Bridge {
  const events = createEmitter<EventPayloads>();
  const disconnectListeners = new Set<() => void>();
  raw.onEvent((name, payload) => {
    if (name === BRIDGE_CLOSED) {
      for (const listener of disconnectListeners) listener();
      return;
    }
    // The transport carries the core's events untyped; their names and payloads are the contract's.
    events.emit(name as EventName, payload as never);
  });
  return {
    kind,
    request: async (method, params) => {
      const envelope = await raw.request(method, params);
      if (!envelope.ok) throw new ContractError(envelope.error.code, envelope.error.message);
      return envelope.value as never;
    },
    notify: (name, params) => {
      raw.notify(name, params);
    },
    on: events.on,
    onDisconnect: (listener) => {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
  };
}
