import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, type GitlabDouble } from './index';
import { api, user } from './support/clients';

/** The form's hidden CSRF field and the pre-sign-in session cookie it belongs to. */
async function signInForm(
  double: GitlabDouble,
): Promise<{ html: string; token: string; cookie: string }> {
  const res = await fetch(`${double.url}/users/sign_in`);
  const html = await res.text();
  const token = /name="authenticity_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { html, token: token.replaceAll('&amp;', '&'), cookie };
}

function post(
  double: GitlabDouble,
  cookie: string,
  fields: Record<string, string>,
): Promise<Response> {
  return fetch(`${double.url}/users/sign_in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('sign-in', () => {
  let double: GitlabDouble;

  beforeAll(async () => {
    double = await startGitlabDouble({ root: '/gitlab' });
  });
  afterAll(async () => {
    await double.close();
  });

  it('GET /users/sign_in is a GitLab form with user[login], user[password] and an authenticity_token', async () => {
    const { html, token, cookie } = await signInForm(double);
    expect(html).toContain('GitLab');
    expect(html).toContain('name="user[login]"');
    expect(html).toContain('name="user[password]"');
    expect(token.length).toBeGreaterThan(20);
    expect(cookie).toMatch(/^_gitlab_session=[0-9a-f]{32}$/);
  });

  it('a wrong password re-renders the form with "Invalid login or password."', async () => {
    const { token, cookie } = await signInForm(double);
    const res = await post(double, cookie, {
      authenticity_token: token,
      'user[login]': 'alice',
      'user[password]': 'nope',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Invalid login or password.');
  });

  it('a missing or wrong CSRF token is rejected with 422', async () => {
    const { cookie } = await signInForm(double);
    const res = await post(double, cookie, {
      'user[login]': 'alice',
      'user[password]': user(double, 'alice').password,
    });
    expect(res.status).toBe(422);
  });

  it('the right password sets an HttpOnly _gitlab_session (path = root) and redirects to the root', async () => {
    const alice = user(double, 'alice');
    const { token, cookie } = await signInForm(double);
    const res = await post(double, cookie, {
      authenticity_token: token,
      'user[login]': 'alice@example.com',
      'user[password]': alice.password,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${double.url}/`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/path=\/gitlab/);
    const session = setCookie.split(';')[0] ?? '';
    expect(session).not.toBe(cookie);
    const me = (await (await api(double, '/user', { cookie: session })).json()) as { id: number };
    expect(me.id).toBe(alice.id);

    const signOut = await fetch(`${double.url}/users/sign_out`, {
      headers: { Cookie: session },
      redirect: 'manual',
    });
    expect(signOut.status).toBe(302);
    expect((await api(double, '/user', { cookie: session })).status).toBe(401);
  });

  it('the root redirects anonymous users to sign in', async () => {
    const res = await fetch(`${double.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${double.url}/users/sign_in`);
  });

  it('a two-factor user gets the code step after the password; no session until the code is right', async () => {
    const dana = user(double, 'dana');
    expect(dana.otp_code).not.toBeNull();
    const { token, cookie } = await signInForm(double);
    const step = await post(double, cookie, {
      authenticity_token: token,
      'user[login]': 'dana',
      'user[password]': dana.password,
    });
    expect(step.status).toBe(200);
    expect(step.headers.get('set-cookie')).toBeNull();
    expect(await step.text()).toContain('name="user[otp_attempt]"');
    // Half-way is not signed in: the pre-auth cookie opens nothing.
    expect((await api(double, '/user', { cookie })).status).toBe(401);

    const wrong = await post(double, cookie, {
      authenticity_token: token,
      'user[otp_attempt]': '000000',
    });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('Invalid two-factor code.');

    const right = await post(double, cookie, {
      authenticity_token: token,
      'user[otp_attempt]': dana.otp_code ?? '',
    });
    expect(right.status).toBe(302);
    expect(right.headers.get('location')).toBe(`${double.url}/`);
    const session = (right.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(session).toMatch(/^_gitlab_session=/);
    expect(session).not.toBe(cookie);
    const me = (await (await api(double, '/user', { cookie: session })).json()) as { id: number };
    expect(me.id).toBe(dana.id);
  });

  it('a code without a pending password step is not a sign-in', async () => {
    const { token, cookie } = await signInForm(double);
    const res = await post(double, cookie, {
      authenticity_token: token,
      'user[otp_attempt]': user(double, 'dana').otp_code ?? '',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Invalid login or password.');
  });
});
