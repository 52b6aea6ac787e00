/**
 * `Notification` (https://www.electronjs.org/docs/latest/api/notification). Each one is reported
 * to the host with its state; the test clicks it, presses an action button, or dismisses it.
 * The stand-in shows action buttons (docs: supported on macOS and Windows), so the app's
 * Release/Keep wiring runs; on Linux Electron would show only the click.
 */
import { EventEmitter } from 'node:events';
import type { NotificationState } from '../protocol';
import { hasHost, hostLink } from './host-link';
import { electronEvent, guarded } from './unsupported';

interface NotificationOptions {
  readonly title?: string;
  readonly body?: string;
  readonly actions?: readonly { readonly type: 'button'; readonly text: string }[];
}

const live = new Map<number, StandinNotification>();
let nextId = 1;

export function notificationById(id: number): StandinNotification {
  const found = live.get(id);
  if (found === undefined) throw new Error(`No notification ${id} is on screen`);
  return found;
}

export class StandinNotification extends EventEmitter {
  readonly id = nextId++;
  private status: NotificationState['status'] = 'created';

  constructor(private readonly options: NotificationOptions = {}) {
    super();
  }

  static isSupported(): boolean {
    return true;
  }

  /** Docs, notification.show(): shows it; 'show' follows. */
  show(): void {
    this.status = 'shown';
    live.set(this.id, this);
    this.report();
    this.emit('show', electronEvent({}));
  }

  /**
   * Docs, notification.close(): dismisses it. Docs, 'close': emitted when the *user* closes it
   * (not guaranteed otherwise), so the app's own close() emits nothing here.
   */
  close(): void {
    if (this.status !== 'shown') return;
    this.status = 'closed';
    live.delete(this.id);
    this.report();
  }

  userClick(): void {
    this.emit('click', electronEvent({}));
  }

  /** Docs, 'action': (event, index) of the button pressed. */
  userAction(index: number): void {
    const count = this.options.actions?.length ?? 0;
    if (index < 0 || index >= count)
      throw new Error(`Notification ${this.id} has no action ${index}`);
    this.emit('action', electronEvent({}), index);
  }

  userDismiss(): void {
    if (this.status !== 'shown') return;
    this.status = 'dismissed';
    live.delete(this.id);
    this.report();
    this.emit('close', electronEvent({}));
  }

  private report(): void {
    if (!hasHost()) return;
    hostLink().post('notification', {
      id: this.id,
      title: this.options.title ?? '',
      body: this.options.body ?? '',
      actions: (this.options.actions ?? []).map((action) => action.text),
      status: this.status,
    });
  }
}

export const Notification = new Proxy(StandinNotification, {
  construct(target, args: [NotificationOptions?]) {
    return guarded('Notification', new target(...args));
  },
});
