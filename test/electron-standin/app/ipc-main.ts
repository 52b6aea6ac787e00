/**
 * `ipcMain` (https://www.electronjs.org/docs/latest/api/ipc-main): messages from renderers arrive
 * from the host with the sending frame's URL, so the app's own sender checks run on real data.
 */
import { EventEmitter } from 'node:events';
import { guarded } from './unsupported';
import type { StandinWebContents } from './windows';

type InvokeHandler = (event: object, ...args: unknown[]) => unknown;

class StandinIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, InvokeHandler>();

  /** Docs, ipcMain.handle: one handler per channel; a second registration throws. */
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /**
   * ipcRenderer.invoke arriving, answered as Electron's main process answers it
   * (lib/browser/api/web-contents.ts): the handler's value, or as error text the thrown error's
   * toString(), or "No handler registered for '<channel>'". The renderer wraps the text in
   * "Error invoking remote method '<channel>': …" (lib/renderer/api/ipc-renderer.ts).
   */
  async invoke(
    event: object,
    channel: string,
    args: unknown[],
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
    const handler = this.handlers.get(channel);
    if (handler === undefined)
      return { ok: false, error: `No handler registered for '${channel}'` };
    try {
      return { ok: true, value: await handler(event, ...args) };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }

  /** ipcRenderer.send arriving: an 'ipc-message'-style event to ipcMain listeners. */
  deliver(sender: StandinWebContents, event: object, channel: string, args: unknown[]): void {
    this.emit(channel, event, ...args);
    sender.emit('ipc-message', event, channel, ...args);
  }
}

export const ipcMainImpl = new StandinIpcMain();
export const ipcMain = guarded('ipcMain', ipcMainImpl);
