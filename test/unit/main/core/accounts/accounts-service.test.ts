import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../../src/shared/contract';
import type {
  SecretStore,
  SettingsStore,
  SignInCookie,
  WebSignIn,
} from '../../../../../src/main/core/ports';
import {
  createMemorySecretStore,
  createMemorySettingsStore,
} from '../../../../../src/main/core/storage/memory-stores';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../../../../gitlab-double';
import { createHarness, withTokenFields, type Harness } from './service-harness';
import { rejectionOf } from '../../../support/rejection';

const refusal = (promise: Promise<unknown>): Promise<ContractError> =>
  rejectionOf(promise, ContractError);

describe('accounts service: adding accounts (double with relative root /gitlab)', () => {
  let gl: GitlabDouble;
  let html: Server;
  let htmlUrl: string;
  let h: Harness;
  const alice = (): GitlabDouble['info']['users'][number] => seedUser(gl, 'alice');
  const bob = (): GitlabDouble['info']['users'][number] => seedUser(gl, 'bob');
  /** Nothing of any account on disk: no secret file content, no account metadata. */
  const expectNothingSaved = (): void => {
    expect(h.secretFile()).not.toContain('account:');
    expect(h.settingsFile()).not.toContain('"accounts"');
    expect(h.service.list()).toEqual([]);
  };

  beforeAll(async () => {
    gl = await startGitlabDouble({ root: '/gitlab' });
    html = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>NAS login</title>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await gl.close();
    await new Promise((resolve) => html.close(resolve));
  });
  afterEach(() => {
    h.dispose();
  });

  it('adds an account with a pasted session cookie only', async () => {
    h = createHarness();
    const view = await h.service.add({
      baseUrl: `${gl.url}/`,
      session: { kind: 'cookie', value: alice().cookie },
    });
    expect(view).toMatchObject({
      baseUrl: gl.url,
      username: 'alice',
      userId: alice().id,
      name: `alice@${new URL(gl.url).host}`,
      state: 'signed-in',
      signedIn: true,
      hasToken: false,
    });
    expect(view.color).toMatch(/^#[0-9a-f]{6}$/);
    const connection = h.service.connection(view.id);
    expect(connection?.cookieHeader).toBe(alice().cookie);
    expect(connection?.token).toBeNull();
    expect(h.secretFile()).toContain(`account:${view.id}:cookie`);
    expect(h.settingsFile()).toContain('"username": "alice"');
    // The settings file holds no secret.
    expect(h.settingsFile()).not.toContain(alice().cookie.split('=')[1]);
  });

  it('adds one with a bare _gitlab_session value and an api token', async () => {
    h = createHarness();
    const bare = alice().cookie.replace(/^_gitlab_session=/, '');
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: bare },
      token: ` ${alice().token}\n`,
    });
    expect(view.hasToken).toBe(true);
    expect(view.tokenScopes).toContain('api');
    expect(h.service.connection(view.id)?.token).toBe(alice().token);
  });

  it('adds one from a cookies.txt export', async () => {
    h = createHarness();
    const value = alice().cookie.replace(/^_gitlab_session=/, '');
    const text = `# Netscape HTTP Cookie File\n#HttpOnly_127.0.0.1\tFALSE\t/gitlab\tFALSE\t0\t_gitlab_session\t${value}\n`;
    const view = await h.service.add({ baseUrl: gl.url, session: { kind: 'cookies-txt', text } });
    expect(view.username).toBe('alice');
  });

  it('accepts a read_api-only token: fine for reading, no api scope for cancel', async () => {
    h = createHarness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice().cookie },
      token: alice().read_api_token,
    });
    expect(view.tokenScopes).toEqual(['read_api']);
    expect(h.service.connection(view.id)?.tokenScopes).toEqual(['read_api']);
  });

  it('refuses a wrong token and saves nothing', async () => {
    h = createHarness();
    const error = await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: alice().cookie },
        token: 'glpat-wrongwrongwrong',
      }),
    );
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/did not accept the token.*deploy tokens and CI job tokens/);
    expectNothingSaved();
  });

  it("refuses bob's token with alice's session", async () => {
    h = createHarness();
    const error = await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: alice().cookie },
        token: bob().read_api_token,
      }),
    );
    expect(error.message).toBe(
      'The token belongs to @bob but the session to @alice. Use a token of @alice.',
    );
    expectNothingSaved();
  });

  it('names a revoked token', async () => {
    h = createHarness();
    const session = gl.newSession('carol');
    const carol = seedUser(gl, 'carol');
    gl.revoke({ token: carol.read_api_token });
    const error = await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: session },
        token: carol.read_api_token,
      }),
    );
    expect(error.message).toMatch(/^The token was revoked/);
    expectNothingSaved();
  });

  it('names an expired token (GitLab reports the date)', async () => {
    // The double's tokens never expire: give this answer a past expiry date, as GitLab would report it.
    const http = withTokenFields({ expires_at: '2020-01-01', active: false });
    h = createHarness({ http });
    const error = await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: alice().cookie },
        token: alice().token,
      }),
    );
    expect(error.message).toMatch(/^The token expired on 2020-01-01/);
    expectNothingSaved();
  });

  it('names a token without read_api or api', async () => {
    const http = withTokenFields({ scopes: ['read_user'] });
    h = createHarness({ http });
    const error = await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: alice().cookie },
        token: alice().token,
      }),
    );
    expect(error.message).toMatch(/lacks the read_api scope \(it has: read_user\)/);
  });

  it('refuses a session that is not signed in', async () => {
    h = createHarness();
    const session = gl.newSession('alice');
    gl.revoke({ cookie: session });
    const error = await refusal(
      h.service.add({ baseUrl: gl.url, session: { kind: 'cookie', value: session } }),
    );
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/session is not signed in/);
    expectNothingSaved();
  });

  it('says a non-GitLab URL does not look like GitLab and sends it no credential', async () => {
    h = createHarness();
    let cookieSeen = false;
    html.once('request', (req: { headers: Record<string, unknown> }) => {
      cookieSeen = req.headers.cookie !== undefined;
    });
    const error = await refusal(
      h.service.add({ baseUrl: htmlUrl, session: { kind: 'cookie', value: alice().cookie } }),
    );
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(/^This does not look like GitLab/);
    expect(cookieSeen).toBe(false);
    expectNothingSaved();
  });

  it('refuses the same user on the same instance twice, but not another user', async () => {
    h = createHarness();
    await h.service.add({ baseUrl: gl.url, session: { kind: 'cookie', value: alice().cookie } });
    const again = await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: gl.newSession('alice') },
      }),
    );
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/@alice on .* is already added/);
    const second = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: bob().cookie },
    });
    expect(h.service.list().map((a) => a.username)).toEqual(['alice', 'bob']);
    expect(second.color).not.toBe(h.service.list()[0]?.color);
  });

  it('checks names, colours and form before touching the network', async () => {
    h = createHarness();
    expect(
      (
        await refusal(
          h.service.add({
            baseUrl: 'http://gitlab.example.com',
            session: { kind: 'cookie', value: 'x' },
          }),
        )
      ).message,
    ).toMatch(/http:\/\/ is refused/);
    expect(
      (
        await refusal(
          h.service.add({ baseUrl: gl.url, color: 'red', session: { kind: 'cookie', value: 'x' } }),
        )
      ).message,
    ).toMatch(/#rrggbb/);
    expect(
      (await refusal(h.service.add({ baseUrl: gl.url, session: { kind: 'cookie', value: 'a=b' } })))
        .message,
    ).toMatch(/No _gitlab_session/);
    expect(
      (await refusal(h.service.add({ baseUrl: gl.url, session: { kind: 'web-sign-in' } }))).message,
    ).toMatch(/needs the desktop app.*paste the _gitlab_session cookie/);
  });

  it('finds the account a job URL belongs to (relative root)', async () => {
    h = createHarness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice().cookie },
      name: ' Work ',
      color: '#ABCDEF',
    });
    expect(view.name).toBe('Work');
    expect(view.color).toBe('#abcdef');
    const job = gl.info.jobs[0];
    expect(h.service.findByUrl(job?.web_url ?? '')?.accountId).toBe(view.id);
    expect(h.service.findByUrl(`${new URL(gl.url).origin}/other/-/jobs/1`)).toBeNull();
    expect(h.service.findByUrl('not a url')).toBeNull();
  });

  it('signs in with the web sign-in window and clears it when the identity is refused', async () => {
    const cleared: string[] = [];
    let who = 'alice';
    const webSignIn: WebSignIn = {
      signIn: (): Promise<readonly SignInCookie[]> => {
        const value = gl.newSession(who).replace(/^_gitlab_session=/, '');
        return Promise.resolve([
          { name: '_gitlab_session', value },
          { name: 'known_sign_in', value: 'abc' },
        ]);
      },
      clear: (accountId) => {
        cleared.push(accountId);
        return Promise.resolve();
      },
    };
    h = createHarness({ webSignIn });
    const view = await h.service.add({ baseUrl: gl.url, session: { kind: 'web-sign-in' } });
    expect(h.service.connection(view.id)?.cookieHeader).toMatch(
      /^_gitlab_session=.*; known_sign_in=abc$/,
    );
    who = 'bob';
    const wrong = await refusal(h.service.signIn(view.id, { kind: 'web-sign-in' }));
    expect(wrong.message).toBe(
      'You signed in as @bob, but this account is @alice. Sign in as @alice, or add @bob as another account.',
    );
    expect(cleared).toEqual([view.id]);
    await h.service.remove(view.id);
    expect(cleared).toEqual([view.id, view.id]);
  });

  it('removes an account: secrets, settings and its connection are gone', async () => {
    h = createHarness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice().cookie },
      token: alice().token,
    });
    expect(h.secretFile()).toContain(alice().token);
    await h.service.remove(view.id);
    expect(h.secretFile()).not.toContain(alice().token);
    expect(h.secretFile()).not.toContain(alice().cookie.split('=')[1]);
    expect(h.secretFile()).not.toContain(view.id);
    expect(h.settingsFile()).not.toContain(view.id);
    expect(h.service.connection(view.id)).toBeNull();
    expect((await refusal(h.service.remove(view.id))).code).toBe('not-found');
  });

  it('sets, replaces and removes the token', async () => {
    h = createHarness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice().cookie },
    });
    const withToken = await h.service.setToken(view.id, alice().read_api_token);
    expect(withToken.hasToken).toBe(true);
    const mismatch = await refusal(h.service.setToken(view.id, bob().token));
    expect(mismatch.message).toMatch(/belongs to @bob but the session to @alice/);
    expect(h.service.connection(view.id)?.token).toBe(alice().read_api_token);
    const without = await h.service.setToken(view.id, null);
    expect(without.hasToken).toBe(false);
    expect(h.secretFile()).not.toContain(alice().read_api_token);
  });

  it('renames and recolours', async () => {
    h = createHarness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice().cookie },
    });
    const renamed = await h.service.update({
      accountId: view.id,
      name: 'CI box',
      color: '#108548',
    });
    expect(renamed).toMatchObject({ name: 'CI box', color: '#108548' });
    expect((await refusal(h.service.update({ accountId: view.id, name: '   ' }))).message).toMatch(
      /cannot be empty/,
    );
    expect(h.settingsFile()).toContain('CI box');
  });

  it('rolls back the secrets when a later secret write fails', async () => {
    const inner = createMemorySecretStore();
    const written: string[] = [];
    const failing: SecretStore = {
      info: inner.info,
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
      set: (key, value) => {
        if (key.endsWith(':token')) return Promise.reject(new Error('disk full'));
        written.push(key);
        return inner.set(key, value);
      },
    };
    h = createHarness({ secrets: failing });
    const error = await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: alice().cookie },
        token: alice().token,
      }),
    );
    expect(error.message).toMatch(/disk full.*nothing was saved/);
    expect(written).toHaveLength(1);
    expect(await inner.get(written[0] ?? '')).toBeNull();
    expect(h.service.list()).toEqual([]);
    expect(h.settingsFile()).toBe('');
  });

  it('rolls back the secrets when the settings write fails', async () => {
    const inner = createMemorySettingsStore();
    const settings: SettingsStore = {
      read: (key) => inner.read(key),
      delete: (key) => {
        inner.delete(key);
      },
      write: () => {
        throw new Error('read-only file system');
      },
    };
    h = createHarness({ settings });
    const error = await refusal(
      h.service.add({ baseUrl: gl.url, session: { kind: 'cookie', value: alice().cookie } }),
    );
    expect(error.message).toMatch(/read-only file system.*nothing was saved/);
    expect(h.secretFile()).not.toContain('account:');
    expect(h.service.list()).toEqual([]);
  });
});
