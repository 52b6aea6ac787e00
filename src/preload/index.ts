/**
 * The preload exposes one narrow object, derived from the contract: it forwards only known
 * message names, and never hands the page `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isNotificationName, isRequestName, type Envelope } from '../shared/contract';
import { IPC_EVENT, IPC_NOTIFY, IPC_REQUEST } from '../shared/ipc-channels';
import { BRIDGE_GLOBAL, type RawBridge } from '../shared/raw-bridge';

const bridge: RawBridge = {
  request: (method, params) => {
    if (!isRequestName(method)) {
      return Promise.resolve<Envelope<unknown>>({
        ok: false,
        error: { code: 'invalid-message', message: `Unknown request ${method}` },
      });
    }
    return ipcRenderer.invoke(IPC_REQUEST, method, params) as Promise<Envelope<unknown>>;
  },
  notify: (name, params) => {
    if (isNotificationName(name)) ipcRenderer.send(IPC_NOTIFY, name, params);
  },
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
