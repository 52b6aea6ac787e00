/**
 * The connect/handshake seam of a session: the request for one websocket to the job's terminal,
 * and, when the handshake failed, the reason (asking the API where the status alone says too little).
 */
import type { AccountConnection } from '../services';
import { ConnectionAttempt, type AttemptEvents, type AttemptOutcome } from './connection-attempt';
import { explainHandshakeFailure, type HandshakeExplanation } from './handshake-diagnosis';
import { terminalSocketUrl } from './job-url';
import type { SessionEnv, SessionTarget } from './session-env';

/** Opens one websocket to the job's terminal with the account's cookie (throws on a bad proxy). */
export function startAttempt(
  env: SessionEnv,
  target: SessionTarget,
  connection: AccountConnection,
  events: AttemptEvents,
): ConnectionAttempt {
  return new ConnectionAttempt(
    {
      url: terminalSocketUrl(connection.baseUrl, target.projectPath, target.jobId),
      headers: { Cookie: connection.cookieHeader, 'User-Agent': env.userAgent },
      network: connection.network,
      credentialScope: connection.baseUrl,
    },
    env.createSocket,
    env.clock,
    env.tuning,
    env.logger,
    events,
  );
}

/** Why a handshake failed, and whether an automatic reconnect may try again. */
export function explainFailedHandshake(
  env: SessionEnv,
  target: SessionTarget,
  outcome: AttemptOutcome,
  reconnecting: boolean,
): Promise<HandshakeExplanation> {
  const connection = env.connection();
  const failure = outcome.failure ?? {
    kind: 'protocol',
    detail: 'the connection closed before GitLab answered',
  };
  return explainHandshakeFailure(failure, {
    client: connection === null ? null : env.client(connection),
    me: { userId: connection?.userId ?? 0, username: connection?.username ?? '' },
    target,
    fastRefusalMs: env.tuning.fastRefusalMs,
    reconnecting,
  });
}
