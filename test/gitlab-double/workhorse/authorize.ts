import type { DoubleContext } from '../core/context';
import { execUrl, type Channel } from '../runner/session-server';
import { canCreateTerminal, canReadProject } from '../state/permissions';
import { webUser } from '../web/web-session';

/** Ci::BuildRunnerSession::TERMINAL_SUBPROTOCOL */
const RUNNER_SUBPROTOCOL = 'terminal.gitlab.com';

/** What Rails' `terminal_websocket_authorize` answers Workhorse. */
export type AuthorizeOutcome =
  | { readonly kind: 'channel'; readonly channel: Channel }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' };

/**
 * Projects::JobsController#terminal_websocket_authorize. Only the session cookie counts: the
 * controller never opts into sessionless (token) authentication.
 */
export function authorizeTerminal(
  ctx: DoubleContext,
  projectPath: string,
  jobId: number,
  cookieHeader: string | undefined,
): AuthorizeOutcome {
  const { store, config } = ctx;
  const user = webUser(store, cookieHeader);
  const project = store.projectByPath(projectPath);
  if (project === undefined || !canReadProject(project, user)) {
    // route_not_found: Devise sends anonymous HTML requests to sign in.
    return user === null
      ? { kind: 'redirect', location: `${config.baseUrl}/users/sign_in` }
      : { kind: 'not-found' };
  }
  const job = store.jobs.get(jobId);
  if (job?.projectId !== project.id || !canCreateTerminal(job, project, user)) {
    return { kind: 'not-found' };
  }
  const session = job.runnerSession;
  if (session === null) return { kind: 'not-found' };
  return {
    kind: 'channel',
    channel: {
      subprotocols: [RUNNER_SUBPROTOCOL],
      url: execUrl(session),
      authorization: session.token,
      maxSessionTime: null,
    },
  };
}

/** auth_checker.go stops the session when any field of the Channel changed. */
export function sameChannel(a: Channel, b: Channel): boolean {
  return (
    a.url === b.url &&
    a.authorization === b.authorization &&
    a.subprotocols.join('\n') === b.subprotocols.join('\n')
  );
}
