/**
 * The terminal requests that concern one session (or every session of an account): each finds
 * its session in the registry and hands the request on. No rule of its own lives here.
 */
import type { SessionRegistry } from './session-registry';
import type { TerminalServiceWithStats } from './service-with-stats';

type Routed =
  | 'reconnect'
  | 'release'
  | 'keep'
  | 'closeAccount'
  | 'releaseAllIdle'
  | 'syncSize'
  | 'transcript'
  | 'log'
  | 'input'
  | 'paste'
  | 'ack'
  | 'flowStats';

export function routeSessionRequests(
  registry: SessionRegistry,
): Pick<TerminalServiceWithStats, Routed> {
  return {
    reconnect: (sessionId) => {
      registry.find(sessionId).reconnect();
    },
    release: (sessionId) => {
      registry.withSession(sessionId, 'release', (session) => {
        session.release();
      });
    },
    keep: (sessionId) => {
      registry.withSession(sessionId, 'keep', (session) => {
        session.keep();
      });
    },
    closeAccount: (accountId, closeReason) => {
      registry.closeAccount(accountId, closeReason);
    },
    releaseAllIdle: () => registry.releaseAllIdle(),
    syncSize: (sessionId, cols, rows) => {
      registry.find(sessionId).syncSize(cols, rows);
    },
    transcript: (sessionId, format) => registry.find(sessionId).transcript(format),
    log: (sessionId, follow) => registry.find(sessionId).log(follow),
    input: (sessionId, data) => {
      registry.withSession(sessionId, 'input', (session) => {
        session.input(data);
      });
    },
    paste: (sessionId, data, bracketed) => {
      registry.withSession(sessionId, 'paste', (session) => {
        session.paste(data, bracketed);
      });
    },
    ack: (sessionId, bytes) => {
      // Acks for a closed tab may still be in flight: nothing to do.
      registry.get(sessionId)?.ack(bytes);
    },
    flowStats: (sessionId) => {
      const session = registry.get(sessionId);
      if (session === undefined) return null;
      return {
        unackedBytes: session.unackedBytes,
        paused: session.paused,
        droppedBytes: session.view().droppedBytes,
        hasSocket: session.hasSocket,
      };
    },
  };
}
