/**
 * Steps shared by the end-to-end tests of the desktop app under the Electron stand-in: a fresh
 * profile and GitLab double, signing in through GitLab's own page in the sign-in window, and
 * opening a terminal from the job list.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import {
  seedUser,
  startGitlabDouble,
  waitForEvent,
  type GitlabDouble,
  type JobInfo,
} from '../gitlab-double';
import { StandinApplication, type KeyringBackend } from '../electron-standin/host/standin-app';

export interface Desktop {
  readonly app: StandinApplication;
  readonly window: Page;
  readonly profile: string;
  /** Starts the app again on the same profile (after this one has exited). */
  restart(options?: { readonly keyring?: KeyringBackend }): Promise<Desktop>;
}

export interface Harness {
  readonly gitlab: GitlabDouble;
  start(options?: {
    readonly keyring?: KeyringBackend;
    readonly args?: readonly string[];
  }): Promise<Desktop>;
  close(): Promise<void>;
}

/** A GitLab double and a profile directory; every app started here is quit by close(). */
export async function harness(options: { readonly tls?: boolean } = {}): Promise<Harness> {
  const gitlab = await startGitlabDouble({ root: '/gitlab', tls: options.tls ?? false });
  const profile = await mkdtemp(join(tmpdir(), 'jobshell-standin-'));
  const apps: StandinApplication[] = [];
  const start: Harness['start'] = async (options = {}) => {
    const app = StandinApplication.launch({
      args: [`--user-data-dir=${profile}`, ...(options.args ?? [])],
      ...(options.keyring === undefined ? {} : { keyring: options.keyring }),
    });
    apps.push(app);
    const window = await app.firstWindow();
    await expect(window.locator('.app')).toBeVisible();
    return {
      app,
      window,
      profile,
      restart: (again = {}) => start({ ...options, ...again }),
    };
  };
  return {
    gitlab,
    start,
    close: async () => {
      for (const app of apps) await app.close();
      await gitlab.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  /** The `_gitlab_session` value GitLab set in the sign-in window's partition. */
  readonly sessionCookie: string;
}

/**
 * Add account → Sign in with GitLab → Sign in and add (trusting the certificate when asked to):
 * resolves with GitLab's sign-in window once it shows GitLab's sign-in page.
 */
export async function startWebSignIn(
  desktop: { readonly app: { waitForWindow(): Promise<Page> }; readonly window: Page },
  gitlab: GitlabDouble,
  options: { readonly trustCertificate?: boolean } = {},
): Promise<Page> {
  const { app, window } = desktop;
  await window.getByRole('button', { name: 'Add account' }).click();
  const dialog = window.getByRole('dialog', { name: 'Add GitLab account' });
  await dialog.getByLabel('GitLab URL').fill(gitlab.url);
  await expect(dialog.getByRole('radio', { name: 'Sign in with GitLab' })).toBeChecked();
  const opened = app.waitForWindow();
  await dialog.getByRole('button', { name: 'Sign in and add' }).click();
  if (options.trustCertificate === true) {
    const confirm = dialog.getByRole('region', { name: 'Untrusted certificate' });
    await confirm.getByRole('button', { name: 'Trust this certificate' }).click();
  }
  const signIn = await opened;
  await expect(signIn).toHaveURL(`${gitlab.url}/users/sign_in`);
  return signIn;
}

/**
 * Adds the account as a user does: Add account → Sign in with GitLab → GitLab's own page in the
 * sign-in window (password, and the code for a two-factor user) → the window closes by itself.
 */
export async function signInThroughGitlab(
  desktop: Desktop,
  gitlab: GitlabDouble,
  username: string,
  options: { readonly trustCertificate?: boolean } = {},
): Promise<SignedIn> {
  const { window } = desktop;
  const user = seedUser(gitlab, username);
  const signIn = await startWebSignIn(desktop, gitlab, options);
  await expect(signIn.getByRole('heading', { name: 'Sign in to GitLab' })).toBeVisible();
  await signIn.locator('#user_login').fill(user.username);
  await signIn.locator('#user_password').fill(user.password);
  const closed = signIn.waitForEvent('close');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  if (user.otp_code !== null) {
    await expect(signIn.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
    await signIn.getByLabel('Enter verification code').fill(user.otp_code);
    await signIn.getByRole('button', { name: 'Verify code' }).click();
  }
  await closed;
  const cookies = await signIn.context().cookies(gitlab.url);
  const session = cookies.find((c) => c.name === '_gitlab_session');
  if (session === undefined) throw new Error('GitLab set no _gitlab_session in the sign-in window');
  await expect(window.getByRole('listitem', { name: new RegExp(`@${username}`) })).toContainText(
    'Signed in',
  );
  return { sessionCookie: session.value };
}

/** A new job for alice; once it is in the list, its Open terminal button connects a terminal. */
export async function openTerminal(
  desktop: Desktop,
  gitlab: GitlabDouble,
  name: string,
): Promise<JobInfo> {
  const job = gitlab.createJob({ user: 'alice', name, mode: 'shell' });
  const row = desktop.window.getByRole('listitem', { name: new RegExp(`^${name} in `) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  const connected = waitForEvent(gitlab, 'terminal-connected', (e) => e.jobId === job.id);
  await row.getByRole('button', { name: 'Open terminal' }).click();
  await connected;
  await expect(desktop.window.getByRole('tab', { name: new RegExp(name) })).toBeVisible();
  return job;
}

/** Calls the contract through the page's bridge, as the renderer itself does (real IPC). */
export async function request(window: Page, method: string, params: object): Promise<unknown> {
  const envelope = await window.evaluate(
    ([m, p]) =>
      (
        globalThis as unknown as {
          jobshell: { request(method: string, params: unknown): Promise<unknown> };
        }
      ).jobshell.request(m, p),
    [method, params] as const,
  );
  const result = envelope as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${method} failed: ${result.error?.message ?? 'unknown'}`);
  return result.value;
}
