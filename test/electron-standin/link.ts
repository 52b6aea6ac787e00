/** Request/response over a Node IPC channel, used by both halves of the stand-in. */
import type { Wire } from './protocol';

type Calls = Record<string, [unknown, unknown]>;

export interface Channel {
  send(message: Wire): void;
  onMessage(listener: (message: Wire) => void): void;
}

export interface Link<Out extends Calls, In extends Calls> {
  call<K extends keyof Out & string>(op: K, payload: Out[K][0]): Promise<Out[K][1]>;
  /** A call whose answer nobody waits for (a failure is reported through `onError`). */
  post<K extends keyof Out & string>(op: K, payload: Out[K][0]): void;
  handle<K extends keyof In & string>(
    op: K,
    handler: (payload: In[K][0]) => In[K][1] | Promise<In[K][1]>,
  ): void;
  /** Rejects every pending call (the other side has gone). */
  close(reason: string): void;
}

export function createLink<Out extends Calls, In extends Calls>(
  channel: Channel,
  onError: (error: unknown) => void,
): Link<Out, In> {
  let nextId = 1;
  let closed: string | null = null;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const handlers = new Map<string, (payload: unknown) => unknown>();

  channel.onMessage((message) => {
    if (message.kind === 'reply') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
      return;
    }
    const handler = handlers.get(message.op);
    const reply = (wire: Wire): void => {
      if (closed === null) channel.send(wire);
    };
    if (handler === undefined) {
      reply({ kind: 'reply', id: message.id, ok: false, error: `no handler for ${message.op}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.payload))
      .then(
        (value) => {
          reply({ kind: 'reply', id: message.id, ok: true, value: value ?? null });
        },
        (error: unknown) => {
          reply({
            kind: 'reply',
            id: message.id,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          });
        },
      );
  });

  const call = <K extends keyof Out & string>(op: K, payload: Out[K][0]): Promise<Out[K][1]> => {
    if (closed !== null) return Promise.reject(new Error(closed));
    const id = nextId++;
    return new Promise<Out[K][1]>((resolve, reject) => {
      pending.set(id, { resolve: resolve, reject });
      channel.send({ kind: 'call', id, op, payload });
    });
  };

  return {
    call,
    post: (op, payload) => {
      call(op, payload).catch(onError);
    },
    handle: (op, handler) => {
      handlers.set(op, handler);
    },
    close: (reason) => {
      closed = reason;
      for (const waiter of pending.values()) waiter.reject(new Error(reason));
      pending.clear();
    },
  };
}
