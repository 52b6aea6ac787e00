/**
 * The one "stop broadcasting" shortcut (issue 15), kept apart from the workspace keymap on purpose:
 * Ctrl+Shift+B (Cmd+Shift+B on macOS), which no shell line editor binds with Shift.
 */
import type { KeyLike } from '../../keys/shortcuts';

export const STOP_BROADCAST_LABEL = { mac: '⌘⇧B', other: 'Ctrl+Shift+B' } as const;

/** True for the stop-broadcasting key press. */
export function isStopBroadcastKey(event: KeyLike, mac: boolean): boolean {
  if (event.altKey || !event.shiftKey || event.code !== 'KeyB') return false;
  return mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}
