import { useCallback, useSyncExternalStore } from 'react';
import type { TerminalInfo } from '../xterm/terminal-entry';
import type { TerminalManager } from '../xterm/terminal-manager';

/** Title, notice, size and search state of one session's terminal, kept current. */
export function useTerminalInfo(manager: TerminalManager, sessionId: string): TerminalInfo {
  const snapshot = useCallback(() => manager.info(sessionId), [manager, sessionId]);
  return useSyncExternalStore(manager.subscribe, snapshot);
}
