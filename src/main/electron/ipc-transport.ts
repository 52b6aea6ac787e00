/**
 * The Electron transport of the contract: one invoke channel for requests, one send channel for
 * notifications, one event channel back. Every inbound message is checked for its sender (our own
 * window's main frame) and validated as `unknown` before the core sees it.
 */
import {
  ipcMain,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
  type WebFrameMain,
} from 'electron';
import {
  dispatchNotification,
  dispatchRequest,
  type CoreEndpoint,
  type Envelope,
} from '../../shared/contract';
import { IPC_EVENT, IPC_NOTIFY, IPC_REQUEST } from '../../shared/ipc-channels';
import type { Logger } from '../core';

export interface SenderInfo {
  readonly sender: Pick<WebContents, 'id'>;
  readonly senderFrame: Pick<WebFrameMain, 'url'> | null;
}

/** Decides whether a message comes from our own window's main frame. */
export type SenderCheck = (event: SenderInfo) => boolean;

export interface IpcHandlers {
  request(event: SenderInfo, method: unknown, params: unknown): Promise<Envelope<unknown>>;
  notify(event: SenderInfo, name: unknown, params: unknown): void;
}

/** The handler logic without Electron, so it is unit-tested with plain objects. */
export function createIpcHandlers(
  core: CoreEndpoint,
  isTrusted: SenderCheck,
  logger: Logger,
): IpcHandlers {
  return {
    request: async (event, method, params) => {
      if (!isTrusted(event)) {
        logger.log('warn', 'IPC request from an unknown sender refused', {
          url: event.senderFrame?.url,
        });
        return { ok: false, error: { code: 'invalid-message', message: 'Unknown sender' } };
      }
      return dispatchRequest(core, method, params, (error, name) => {
        logger.log('error', 'request failed', { method: name, error: String(error) });
      });
    },
    notify: (event, name, params) => {
      if (!isTrusted(event)) {
        logger.log('warn', 'IPC notification from an unknown sender refused', {
          url: event.senderFrame?.url,
        });
        return;
      }
      const error = dispatchNotification(core, name, params);
      if (error !== null) logger.log('warn', 'IPC notification refused', { error });
    },
  };
}

/** Registers the contract on ipcMain and forwards core events to `targets()`; returns an undo. */
export function registerIpc(
  core: CoreEndpoint,
  isTrusted: SenderCheck,
  targets: () => readonly WebContents[],
  logger: Logger,
): () => void {
  const handlers = createIpcHandlers(core, isTrusted, logger);
  ipcMain.handle(IPC_REQUEST, (event: IpcMainInvokeEvent, method: unknown, params: unknown) =>
    handlers.request(event, method, params),
  );
  const onNotify = (event: IpcMainEvent, name: unknown, params: unknown): void => {
    handlers.notify(event, name, params);
  };
  ipcMain.on(IPC_NOTIFY, onNotify);
  const unsubscribe = core.subscribe((name, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_REQUEST);
    ipcMain.off(IPC_NOTIFY, onNotify);
  };
}
