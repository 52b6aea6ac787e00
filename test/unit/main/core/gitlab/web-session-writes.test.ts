import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsrfTokens, parseCsrfMeta } from '../../../../../src/main/core/gitlab/csrf-token';
import {
  createGitlabClient,
  type GitlabCredentials,
} from '../../../../../src/main/core/gitlab/gitlab-client';
import { GitlabError } from '../../../../../src/main/core/gitlab/gitlab-error';
import { createNodeHttpTransport } from '../../../../../src/main/node/net/node-http-transport';
import {
  DIRECT_NETWORK,
  type HttpRequest,
  type HttpTransport,
} from '../../../../../src/main/core/ports';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../../../../gitlab-double';

const real = createNodeHttpTransport();

/** The real transport, recording every request (method, URL, header names and the CSRF header). */
function recording(): { http: HttpTransport; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    http: (request) => {
      sent.push(request);
      return real(request);
    },
  };
}

describe('parseCsrfMeta', () => {
  it('reads Rails csrf_meta_tags in either attribute order, with entities', () => {
    expect(parseCsrfMeta('<meta name="csrf-token" content="a&amp;b" />')).toBe('a&b');
    expect(parseCsrfMeta("<meta content='xyz' name='csrf-token'>")).toBe('xyz');
    expect(parseCsrfMeta('<meta name="csrf-param" content="authenticity_token" />')).toBeNull();
    expect(parseCsrfMeta('<html></html>')).toBeNull();
  });
});

describe('writes with the web session alone (cookie + CSRF token)', () => {
  let gl: GitlabDouble;
  const alice = (): GitlabDouble['info']['users'][number] => seedUser(gl, 'alice');
  const creds = (over: Partial<GitlabCredentials> = {}): GitlabCredentials => ({
    baseUrl: gl.url,
    cookieHeader: alice().cookie,
    token: null,
    network: DIRECT_NETWORK,
    ...over,
  });
  /** A fresh failed job each time: GitLab retries each job only once. */
  const failedJob = (): number =>
    gl.createJob({ user: 'alice', project: 41, status: 'failed', name: 'rspec:integration' }).id;

  beforeAll(async () => {
    gl = await startGitlabDouble({ root: '/gitlab' });
  });
  afterAll(async () => {
    await gl.close();
  });

  it('retries and cancels with only a session; the token is fetched once and stays on the origin', async () => {
    const { http, sent } = recording();
    const csrf = new CsrfTokens();
    const client = createGitlabClient(http, creds(), { csrf });
    const original = failedJob();
    const retried = (await client.retryJob(41, original)).value;
    expect(retried.status).toBe('pending');
    expect(retried.user?.username).toBe('alice');
    const canceled = (await client.cancelJob(41, retried.id)).value;
    expect(canceled.status).toBe('canceled');
    const origin = new URL(gl.url).origin;
    expect(sent.every((r) => new URL(r.url).origin === origin)).toBe(true);
    // One page read for the token, then the two writes carrying it.
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /gitlab/',
      `POST /gitlab/api/v4/projects/41/jobs/${original}/retry`,
      `POST /gitlab/api/v4/projects/41/jobs/${retried.id}/cancel`,
    ]);
    expect(sent[1]?.headers?.['X-CSRF-Token']).toMatch(/.+/);
    expect(sent[1]?.headers?.['X-CSRF-Token']).toBe(sent[2]?.headers?.['X-CSRF-Token']);
  });

  it('a stale token (401) is fetched again once, and the write goes through', async () => {
    const { http, sent } = recording();
    const csrf = new CsrfTokens();
    csrf.set(gl.url, alice().cookie, 'stale-token');
    const client = createGitlabClient(http, creds(), { csrf });
    const retried = (await client.retryJob(41, failedJob())).value;
    expect(retried.status).toBe('pending');
    expect(sent.map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
    expect(csrf.get(gl.url, alice().cookie)).not.toBe('stale-token');
  });

  it('a token with the api scope is preferred; a read_api token leaves the write to the session', async () => {
    const withApi = recording();
    await createGitlabClient(
      withApi.http,
      creds({ token: alice().token, tokenScopes: ['api'] }),
    ).retryJob(41, failedJob());
    expect(withApi.sent).toHaveLength(1);
    expect(withApi.sent[0]?.headers?.['PRIVATE-TOKEN']).toBe(alice().token);
    expect(withApi.sent[0]?.headers?.Cookie).toBeUndefined();

    const readOnly = recording();
    await createGitlabClient(
      readOnly.http,
      creds({ token: alice().read_api_token, tokenScopes: ['read_api'] }),
    ).retryJob(41, failedJob());
    expect(readOnly.sent.at(-1)?.headers?.['PRIVATE-TOKEN']).toBeUndefined();
    expect(readOnly.sent.at(-1)?.headers?.['X-CSRF-Token']).toMatch(/.+/);
  });

  it('GitLab refusing the retry keeps its reason', async () => {
    const running = gl.info.jobs.find((j) => j.name === 'rspec' && j.status === 'running');
    if (running === undefined) throw new Error('no running rspec');
    const error = await createGitlabClient(real, creds())
      .retryJob(41, running.id)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(GitlabError);
    expect((error as GitlabError).kind).toBe('forbidden');
    expect((error as GitlabError).gitlabMessage).toBe('403 Forbidden - Job is not retryable');
  });

  it('a signed-out session cannot write: the sign-in redirect says so', async () => {
    const error = await createGitlabClient(real, creds({ cookieHeader: '_gitlab_session=gone' }))
      .retryJob(41, failedJob())
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((error as GitlabError).kind).toBe('unauthorized');
  });
});
