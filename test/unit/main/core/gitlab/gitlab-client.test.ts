import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGitlabClient,
  type GitlabCredentials,
} from '../../../../../src/main/core/gitlab/gitlab-client';
import { GitlabError } from '../../../../../src/main/core/gitlab/gitlab-error';
import { createNodeHttpTransport } from '../../../../../src/main/node/net/node-http-transport';
import { DIRECT_NETWORK } from '../../../../../src/main/core/ports';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../../../../gitlab-double';
import { rejectionOf } from '../../../support/rejection';

const http = createNodeHttpTransport();

const failure = (promise: Promise<unknown>): Promise<GitlabError> =>
  rejectionOf(promise, GitlabError);

describe('GitLab client against the double (relative root /gitlab)', () => {
  let gl: GitlabDouble;
  let htmlServer: Server;
  let htmlUrl: string;
  const alice = (): GitlabDouble['info']['users'][number] => seedUser(gl, 'alice');
  const creds = (over: Partial<GitlabCredentials> = {}): GitlabCredentials => ({
    baseUrl: gl.url,
    cookieHeader: null,
    token: null,
    network: DIRECT_NETWORK,
    ...over,
  });

  beforeAll(async () => {
    gl = await startGitlabDouble({ root: '/gitlab' });
    // A web server that is not GitLab: a plain HTML page for every path.
    htmlServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Welcome to the router</body></html>');
    });
    await new Promise<void>((resolve) => htmlServer.listen(0, '127.0.0.1', resolve));
    htmlUrl = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await gl.close();
    await new Promise((resolve) => htmlServer.close(resolve));
  });

  it('reads the current user with the token and with the cookie, same id', async () => {
    const byToken = await createGitlabClient(http, creds({ token: alice().token })).currentUser();
    const byCookie = await createGitlabClient(
      http,
      creds({ cookieHeader: alice().cookie }),
    ).currentUser('cookie');
    expect(byToken.value.username).toBe('alice');
    expect(byCookie.value.id).toBe(byToken.value.id);
  });

  it('prefers the token, and sends the cookie only when asked or when there is no token', async () => {
    const client = createGitlabClient(
      http,
      creds({ token: 'glpat-not-valid', cookieHeader: alice().cookie }),
    );
    expect((await failure(client.currentUser())).kind).toBe('unauthorized');
    expect((await client.currentUser('cookie')).value.username).toBe('alice');
  });

  it('describes the token: scopes, active, not revoked', async () => {
    const self = await createGitlabClient(
      http,
      creds({ token: alice().read_api_token }),
    ).tokenSelf();
    expect(self.value.scopes).toEqual(['read_api']);
    expect(self.value.revoked).toBe(false);
  });

  it('lists projects, jobs, one job, the web job JSON and the log', async () => {
    const client = createGitlabClient(
      http,
      creds({ token: alice().token, cookieHeader: alice().cookie }),
    );
    const projects = await client.listProjects({
      membership: true,
      minAccessLevel: 30,
      perPage: 100,
    });
    const job = gl.info.jobs.find((j) => j.user_id === alice().id && j.status === 'running');
    if (job === undefined) throw new Error('no running job of alice');
    const project = projects.value.find((p) => p.id === job.project_id);
    expect(project).toBeDefined();
    const jobs = await client.listJobs(job.project_id, ['running']);
    expect(jobs.value.map((j) => j.id)).toContain(job.id);
    const one = await client.getJob(job.project_id, job.id);
    expect(one.value.user?.id).toBe(alice().id);
    const web = await client.webJob(project?.path_with_namespace ?? '', job.id);
    expect(web.value.terminal_path).toMatch(/terminal$/);
    expect(web.pollIntervalMs).toBe(10_000);
    const log = await client.trace(job.project_id, job.id);
    expect(typeof log.value).toBe('string');
  });

  it('reports the next page from the paging headers', async () => {
    const client = createGitlabClient(http, creds({ token: alice().token }));
    const first = await client.listProjects({ membership: true, perPage: 1 });
    expect(first.value).toHaveLength(1);
    expect(first.nextPage).toBe(2);
  });

  it('refuses cancel without an api-scoped token or a session, and cancels with one', async () => {
    const job = gl.createJob({ user: 'alice', script_seconds: 600 });
    // Scopes unknown: the token is tried, and GitLab says which scope is missing.
    const readOnly = createGitlabClient(http, creds({ token: alice().read_api_token }));
    const scope = await failure(readOnly.cancelJob(job.project_id, job.id));
    expect(scope.problem).toEqual({ kind: 'insufficient-scope', needed: 'api' });
    // Scopes known and no session to fall back on: refused before anything is sent.
    const known = createGitlabClient(
      http,
      creds({ token: alice().read_api_token, tokenScopes: ['read_api'] }),
    );
    expect((await failure(known.cancelJob(job.project_id, job.id))).problem).toEqual({
      kind: 'insufficient-scope',
      needed: 'api',
    });
    const full = createGitlabClient(http, creds({ token: alice().token }));
    const canceled = await full.cancelJob(job.project_id, job.id);
    expect(canceled.value.id).toBe(job.id);
  });

  it('maps 404, 429 with Retry-After, and 5xx', async () => {
    const client = createGitlabClient(http, creds({ token: alice().token }));
    expect((await failure(client.getJob(999_999, 1))).kind).toBe('not-found');
    gl.injectFaults({ status: 429, count: 1, retryAfter: 7 });
    const limited = await failure(client.currentUser());
    expect(limited.problem).toEqual({ kind: 'rate-limited', retryAfterMs: 7000 });
    gl.injectFaults({ status: 502, count: 1 });
    expect((await failure(client.currentUser())).problem).toEqual({ kind: 'server', status: 502 });
  });

  it.each(['malformed', 'html', 'truncated'] as const)(
    'turns a %s answer into malformed, not a crash',
    async (status) => {
      const client = createGitlabClient(http, creds({ token: alice().token }));
      gl.injectFaults({ status, count: 1 });
      const error = await failure(client.listProjects({ membership: true }));
      expect(error.kind).toBe('malformed');
      // The next call is fine again: nothing was left broken.
      expect((await client.currentUser()).value.username).toBe('alice');
    },
  );

  it('recognises GitLab without any credential, and a plain web server as not GitLab', async () => {
    expect(await createGitlabClient(http, creds()).versionProbe()).toBe('gitlab');
    expect(await createGitlabClient(http, creds({ baseUrl: htmlUrl })).versionProbe()).toBe(
      'not-gitlab',
    );
    // The root without /gitlab is not the API of this instance.
    const origin = new URL(gl.url).origin;
    expect(await createGitlabClient(http, creds({ baseUrl: origin })).versionProbe()).toBe(
      'not-gitlab',
    );
  });

  it('calls an HTML 200 from a captive portal malformed', async () => {
    const client = createGitlabClient(http, creds({ baseUrl: htmlUrl, token: 'x' }));
    const error = await failure(client.currentUser());
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/HTML page/);
  });

  it('wraps transport failures as network errors', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createGitlabClient(
      http,
      creds({ baseUrl: `http://127.0.0.1:${port}`, token: 'x' }),
    );
    const error = await failure(client.currentUser());
    expect(error.problem.kind).toBe('network');
    if (error.problem.kind === 'network') expect(error.problem.error.kind).toBe('refused');
  });
});
