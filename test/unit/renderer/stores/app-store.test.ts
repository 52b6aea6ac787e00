import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../../src/renderer/bridge/bridge';
import { createAppStore } from '../../../../src/renderer/stores/app-store';
import type { EventName, EventPayload, RequestName } from '../../../../src/shared/contract';
import type { JobTerminalsSnapshot } from '../../../../src/shared/job-terminal';
import type { AccountView } from '../../../../src/shared/models';

/** A bridge whose answers the test releases one by one, and whose events it fires at will. */
function controlledBridge() {
  const pending = new Map<RequestName, (value: unknown) => void>();
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const bridge: Bridge = {
    kind: 'browser',
    request: (method) =>
      new Promise((resolve) => {
        pending.set(method, resolve as (value: unknown) => void);
      }),
    notify: () => undefined,
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (p: unknown) => void]);
      return () => undefined;
    },
    onDisconnect: () => () => undefined,
  };
  return {
    bridge,
    answer: async (method: RequestName, value: unknown) => {
      const resolve = pending.get(method);
      if (resolve === undefined) throw new Error(`no pending ${method}`);
      resolve(value);
      await Promise.resolve();
      await Promise.resolve();
    },
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

const account = (name: string) => ({ id: 'a1', name }) as unknown as AccountView;
const terminals = (version: number): JobTerminalsSnapshot => ({ version, jobs: [] });

describe('app store start', () => {
  it('never lets a slow snapshot overwrite a newer change event', async () => {
    const { bridge, answer, emit } = controlledBridge();
    const store = createAppStore(bridge);
    const loading = store.load();
    await answer('accounts.list', [account('old')]);
    // A change arrives after the accounts answer but before the other answers.
    emit('accounts.changed', [account('new')]);
    for (const method of ['app.info', 'jobs.get', 'terminal.list', 'settings.get'] as const) {
      await answer(method, method === 'jobs.get' || method === 'terminal.list' ? [] : {});
    }
    await answer('jobTerminals.get', terminals(3));
    await loading;
    expect(store.getState().accounts.map((a) => a.name)).toEqual(['new']);
    expect(store.getState().loaded).toBe(true);
  });

  it('keeps the newest job terminal model whatever order snapshot and events arrive in', async () => {
    const { bridge, answer, emit } = controlledBridge();
    const store = createAppStore(bridge);
    void store.load();
    emit('jobTerminals.changed', terminals(5));
    await answer('jobTerminals.get', terminals(4));
    expect(store.getState().jobTerminals.version).toBe(5);
    emit('jobTerminals.changed', terminals(6));
    expect(store.getState().jobTerminals.version).toBe(6);
  });

  it('leaves held-open alerts to the model: they never become toasts of their own', () => {
    const { bridge, emit } = controlledBridge();
    const store = createAppStore(bridge);
    const base = { title: 't', body: 'b', sessionId: 's1', actions: [] } as const;
    emit('notification', { ...base, id: 'h', kind: 'held-idle' });
    emit('notification', { ...base, id: 's', kind: 'summary', sessionId: null });
    emit('notification', { ...base, id: 'a', kind: 'account', sessionId: null });
    expect(store.getState().toasts.map((t) => t.id)).toEqual(['a']);
  });
});
