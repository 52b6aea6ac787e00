/** The tray icon and its menu, rendered from the core's tray model (src/main/core/hold/tray-model). */
import {
  Menu,
  Tray,
  nativeImage,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import { join } from 'node:path';
import { assertNever } from '../../shared/assert-never';
import type { TrayIcon, TrayMenuItem, TrayModel } from '../core';

export interface AppTrayDeps {
  /** Folder holding tray-idle.png, tray-active.png, tray-attention.png (+ @2x, Template). */
  readonly iconDir: string;
  readonly onShow: () => void;
  readonly onQuit: () => void;
  readonly onReleaseAllIdle: () => void;
  readonly onSession: (sessionId: string) => void;
}

export interface AppTray {
  update(model: TrayModel): void;
  destroy(): void;
}

function iconFile(icon: TrayIcon): string {
  // macOS menu bars want monochrome template images; attention keeps its colour on purpose.
  if (process.platform === 'darwin' && icon !== 'attention') return `tray-${icon}Template.png`;
  return `tray-${icon}.png`;
}

/** Creates the tray; `update` re-renders icon, tooltip and menu. */
export function createAppTray(deps: AppTrayDeps): AppTray {
  const images = new Map<TrayIcon, NativeImage>();
  const image = (icon: TrayIcon): NativeImage => {
    let loaded = images.get(icon);
    if (loaded === undefined) {
      loaded = nativeImage.createFromPath(join(deps.iconDir, iconFile(icon)));
      images.set(icon, loaded);
    }
    return loaded;
  };
  const tray = new Tray(image('idle'));
  tray.on('click', deps.onShow);

  const toMenuItem = (item: TrayMenuItem): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'session':
        return { label: item.label, click: () => deps.onSession(item.sessionId) };
      case 'separator':
        return { type: 'separator' };
      case 'release-all-idle':
        return { label: item.label, enabled: item.enabled, click: deps.onReleaseAllIdle };
      case 'show':
        return { label: 'Show Jobshell', click: deps.onShow };
      case 'quit':
        return { label: 'Quit Jobshell', click: deps.onQuit };
      default:
        return assertNever(item, 'tray item');
    }
  };

  return {
    update: (model) => {
      tray.setImage(image(model.icon));
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(model.items.map(toMenuItem)));
    },
    destroy: () => {
      tray.destroy();
    },
  };
}
