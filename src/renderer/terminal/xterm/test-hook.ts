/**
 * Browser mode only: a read-only window into the terminals for end-to-end tests and benchmarks
 * (they run the real bundle in Chromium and must read what xterm shows, including hidden tabs).
 * It exposes nothing the page does not already show; Electron never installs it.
 */

export interface TerminalTestHook {
  bufferText(sessionId: string): string | null;
  sessionIds(): readonly string[];
  pendingBytes(): number;
}

declare global {
  interface Window {
    __jobshellTest?: TerminalTestHook;
  }
}

/** Installs `window.__jobshellTest` over the given terminals. */
export function installTestHook(source: TerminalTestHook): void {
  window.__jobshellTest = {
    bufferText: (sessionId) => source.bufferText(sessionId),
    sessionIds: () => source.sessionIds(),
    pendingBytes: () => source.pendingBytes(),
  };
}
