import type { IncomingMessage, ServerResponse } from 'node:http';
import { WEB_POLL_INTERVAL_MS } from '../core/constants';
import type { DoubleContext } from '../core/context';
import { header, safeDecode } from '../http/request';
import { sendGoError, sendHtml, sendJson, sendRedirect, send } from '../http/respond';
import type { Job, Project, User } from '../state/model';
import { canCreateTerminal, canReadBuilds, canReadProject } from '../state/permissions';
import { fullPathOf } from '../state/store';
import { projectWebUrl } from '../state/views';
import { dashboardPage, jobPage, notFoundPage, terminalPage } from './html';
import { showSignIn, signOut, submitSignIn } from './sign-in';
import { webJobEntity } from './web-job-entity';
import { sessionFromCookies, webUser } from './web-session';

/** `<full_path>/-/jobs/<id>` and what may follow it. */
const JOB_ROUTE = /^\/(.+)\/-\/jobs\/(\d+)(\.json|\/terminal\.ws|\/terminal)?$/;
const DEVISE_UNAUTHENTICATED = 'You need to sign in or sign up before continuing.';

type JobView = '.json' | '/terminal.ws' | '/terminal' | 'page';

const SUFFIX_VIEWS: readonly JobView[] = ['.json', '/terminal.ws', '/terminal'];

function asView(suffix: string | undefined): JobView {
  return SUFFIX_VIEWS.find((view) => view === suffix) ?? 'page';
}

function dashboard(
  ctx: DoubleContext,
  res: ServerResponse,
  user: User | null,
  csrfToken: string | null,
): void {
  if (user === null) {
    sendRedirect(res, `${ctx.config.baseUrl}/users/sign_in`);
    return;
  }
  const projects = [...ctx.store.projects.values()]
    .filter((p) => canReadProject(p, user))
    .map((p) => ({ path: fullPathOf(p), url: projectWebUrl(p, ctx.config.baseUrl) }));
  sendHtml(res, 200, dashboardPage(user.username, projects, csrfToken));
}

/** find_routable! for a private project: anonymous → sign in (401 for JSON), else 404. */
function notVisible(
  ctx: DoubleContext,
  res: ServerResponse,
  user: User | null,
  json: boolean,
): void {
  if (user !== null) {
    if (json) send(res, 404, 'application/json', '');
    else sendHtml(res, 404, notFoundPage());
  } else if (json) {
    sendJson(res, 401, { error: DEVISE_UNAUTHENTICATED });
  } else {
    sendRedirect(res, `${ctx.config.baseUrl}/users/sign_in`);
  }
}

function jobRoute(
  ctx: DoubleContext,
  res: ServerResponse,
  user: User | null,
  project: Project,
  job: Job,
  view: JobView,
): void {
  const { config, store } = ctx;
  const owner = store.users.get(job.userId);
  const title = `${job.name} (#${job.id})`;
  switch (view) {
    case '.json':
      if (!canReadBuilds(project, user)) {
        send(res, 404, 'application/json', '');
        return;
      }
      sendJson(res, 200, webJobEntity(job, project, owner, user, config.root, config.baseUrl), {
        'Poll-Interval': String(WEB_POLL_INTERVAL_MS),
      });
      return;
    case '/terminal':
      if (!canCreateTerminal(job, project, user)) {
        sendHtml(res, 404, notFoundPage());
        return;
      }
      sendHtml(
        res,
        200,
        terminalPage(title, `${config.root}/${fullPathOf(project)}/-/jobs/${job.id}/terminal.ws`),
      );
      return;
    case 'page': {
      if (!canReadBuilds(project, user)) {
        sendHtml(res, 404, notFoundPage());
        return;
      }
      const terminal = canCreateTerminal(job, project, user)
        ? `${config.root}/${fullPathOf(project)}/-/jobs/${job.id}/terminal`
        : null;
      sendHtml(res, 200, jobPage(title, job.status, terminal));
      return;
    }
    case '/terminal.ws':
      // Only reachable without an upgrade: see handleWeb.
      sendGoError(res, 400, 'Bad Request');
      return;
  }
}

/** Rails' web routes under the relative root (everything but /api/v4). */
export async function handleWeb(
  ctx: DoubleContext,
  req: IncomingMessage,
  res: ServerResponse,
  localPath: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (localPath === '/users/sign_in') {
    if (method === 'POST') await submitSignIn(ctx, req, res);
    else showSignIn(ctx, req, res);
    return;
  }
  if (localPath === '/users/sign_out') {
    signOut(ctx, req, res);
    return;
  }
  const user = webUser(ctx.store, header(req.headers, 'cookie'));
  if (localPath === '/' || localPath === '') {
    const session = sessionFromCookies(ctx.store, header(req.headers, 'cookie'));
    dashboard(ctx, res, user, session?.csrfToken ?? null);
    return;
  }
  const m = JOB_ROUTE.exec(localPath);
  if (m === null) {
    sendHtml(res, 404, notFoundPage());
    return;
  }
  const view = asView(m[3]);
  if (view === '/terminal.ws') {
    // The websocket route needs the upgrade headers; without them the request is refused
    // (GitLab's admin docs: a proxy that strips Upgrade/Connection yields 400).
    sendGoError(res, 400, 'Bad Request');
    return;
  }
  const project = ctx.store.projectByPath(safeDecode(m[1] ?? ''));
  if (project === undefined || !canReadProject(project, user)) {
    notVisible(ctx, res, user, view === '.json');
    return;
  }
  const job = ctx.store.jobs.get(Number(m[2]));
  if (job?.projectId !== project.id) {
    if (view === '.json') send(res, 404, 'application/json', '');
    else sendHtml(res, 404, notFoundPage());
    return;
  }
  jobRoute(ctx, res, user, project, job, view);
}
