/**
 * Stand-ins for Electron's notification and tray APIs (part of the `electron` mock): each records
 * what the glue did, so tests assert that a notification was closed or the tray menu rebuilt.
 */
import { EventEmitter } from 'node:events';

export interface MockMenuItem {
  readonly label?: string;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly click?: () => void;
}

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  shown = false;
  closed = false;

  constructor(readonly options: { readonly title: string; readonly body: string }) {
    super();
    shellUiMock.notifications.push(this);
  }

  show(): void {
    this.shown = true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

export class Tray extends EventEmitter {
  tooltip = '';
  menus: (readonly MockMenuItem[])[] = [];

  constructor(readonly image: unknown) {
    super();
    shellUiMock.trays.push(this);
  }

  setImage(): void {
    // The icon file is not what the tests look at.
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setContextMenu(menu: readonly MockMenuItem[]): void {
    this.menus.push(menu);
  }

  destroy(): void {
    // Nothing to release in the stand-in.
  }
}

export const Menu = {
  buildFromTemplate: (template: readonly MockMenuItem[]): readonly MockMenuItem[] => template,
};

export const nativeImage = {
  createFromPath: (path: string): { readonly path: string } => ({ path }),
};

export const shellUiMock = {
  notifications: [] as Notification[],
  trays: [] as Tray[],
};

export function resetShellUiMock(): void {
  shellUiMock.notifications = [];
  shellUiMock.trays = [];
}
