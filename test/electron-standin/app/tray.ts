/**
 * `Tray`, `Menu` and `nativeImage` (https://www.electronjs.org/docs/latest/api/tray, .../menu,
 * .../native-image). The tray's image, tooltip and menu are reported to the host after every
 * change, and the test clicks the tray or a menu item as the user would.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { MenuItemState } from '../protocol';
import { hasHost, hostLink } from './host-link';
import { electronEvent, guarded, NotImplementedInStandin } from './unsupported';

export class StandinNativeImage {
  constructor(readonly path: string) {}

  /** Docs, image.isEmpty(): a path that could not be read gives an empty image. */
  isEmpty(): boolean {
    return this.path === '' || !existsSync(this.path);
  }
}

export const nativeImage = guarded('nativeImage', {
  createFromPath: (path: string): StandinNativeImage =>
    guarded('NativeImage', new StandinNativeImage(path)),
  createEmpty: (): StandinNativeImage => guarded('NativeImage', new StandinNativeImage('')),
});

interface MenuItemOptions {
  readonly label?: string;
  readonly type?: MenuItemState['type'];
  readonly enabled?: boolean;
  readonly click?: (item: MenuItemOptions, window: undefined, event: object) => void;
  readonly submenu?: unknown;
  readonly role?: string;
}

export class StandinMenu {
  constructor(readonly items: readonly MenuItemOptions[]) {}

  /** Docs, Menu.buildFromTemplate: items from options; `enabled` defaults to true. */
  static buildFromTemplate(template: readonly MenuItemOptions[]): StandinMenu {
    for (const item of template) {
      if (item.submenu !== undefined || item.role !== undefined)
        throw new NotImplementedInStandin('Menu items with submenu or role');
    }
    return guarded('Menu', new StandinMenu(template));
  }

  state(): MenuItemState[] {
    return this.items.map((item) => ({
      label: item.label ?? '',
      type: item.type ?? 'normal',
      enabled: item.enabled ?? true,
    }));
  }
}

export const Menu = new Proxy(StandinMenu, {
  get(target, property, receiver) {
    if (typeof property === 'symbol' || property in target)
      return Reflect.get(target, property, receiver) as unknown;
    throw new NotImplementedInStandin(`Menu.${property}`);
  },
});

let current: StandinTray | null = null;

/** The live tray, for the test's clicks. */
export function currentTray(): StandinTray | null {
  return current;
}

export class StandinTray extends EventEmitter {
  private image: StandinNativeImage;
  private toolTip = '';
  private menu: StandinMenu | null = null;
  private destroyed = false;

  constructor(image: StandinNativeImage | string) {
    super();
    this.image = typeof image === 'string' ? new StandinNativeImage(image) : image;
    this.report();
  }

  setImage(image: StandinNativeImage | string): void {
    this.image = typeof image === 'string' ? new StandinNativeImage(image) : image;
    this.report();
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
    this.report();
  }

  /** Docs, tray.setContextMenu(menu): the menu shown for the tray icon. */
  setContextMenu(menu: StandinMenu | null): void {
    this.menu = menu;
    this.report();
  }

  destroy(): void {
    this.destroyed = true;
    if (current === this) current = null;
    this.report();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The user clicked the icon (docs, Tray 'click': event, bounds, position). */
  userClick(): void {
    this.emit('click', electronEvent({}), { x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0 });
  }

  /** The user chose a menu item; Electron ignores clicks on disabled items. */
  userChoose(label: string | RegExp): void {
    const item = this.menu?.items.find((candidate) =>
      typeof label === 'string' ? candidate.label === label : label.test(candidate.label ?? ''),
    );
    if (item === undefined) throw new Error(`The tray menu has no item ${String(label)}`);
    if (item.enabled === false) throw new Error(`The tray menu item ${String(label)} is disabled`);
    item.click?.(item, undefined, electronEvent({}));
  }

  private report(): void {
    if (!hasHost()) return;
    hostLink().post('tray', {
      destroyed: this.destroyed,
      image: basename(this.image.path),
      toolTip: this.toolTip,
      menu: this.menu?.state() ?? [],
    });
  }
}

export const Tray = new Proxy(StandinTray, {
  construct(target, args: [StandinNativeImage | string]) {
    const tray = guarded('Tray', new target(...args));
    current = tray;
    return tray;
  },
});
