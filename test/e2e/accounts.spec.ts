import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seedUser } from '../gitlab-double';
import { expect, test, type Jobshell } from './support/fixtures';

/** A file's text, or '' when it does not exist. */
async function fileText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/** Nothing of any account is on disk: no stored secret, no account metadata. */
async function expectNothingSaved(jobshell: Jobshell): Promise<void> {
  expect(await fileText(join(jobshell.dataDir, 'secrets.json'))).not.toContain('account:');
  expect(await fileText(join(jobshell.dataDir, 'settings.json'))).not.toMatch(
    /"accounts": \[\s*\{/,
  );
  expect(await jobshell.app.core.request('accounts.list', {})).toEqual([]);
}

/** Opens "Add GitLab account" from the first-run screen. */
async function openAddDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add GitLab account' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function fillAndSubmit(
  dialog: Locator,
  fields: { url: string; cookie: string; token?: string },
): Promise<void> {
  await dialog.getByLabel('GitLab URL').fill(fields.url);
  // Browser mode has no sign-in window: pasting the session cookie is the default.
  await expect(dialog.getByRole('radio', { name: 'Sign in with GitLab' })).toHaveCount(0);
  await dialog.getByRole('textbox', { name: /^Session cookie/ }).fill(fields.cookie);
  if (fields.token !== undefined)
    await dialog.getByLabel('Personal access token (optional)').fill(fields.token);
  await dialog.getByRole('button', { name: 'Add account' }).click();
}

test.describe('accounts', () => {
  test('adds an account with a pasted session and a token; the username appears', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    const alice = seedUser(gitlab, 'alice');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await fillAndSubmit(dialog, {
      url: `${gitlab.url}/`,
      cookie: alice.cookie,
      token: alice.read_api_token,
    });
    await expect(dialog).toBeHidden();
    const row = page.getByRole('listitem', { name: /@alice/ });
    await expect(row).toContainText('@alice');
    await expect(row).toContainText('Signed in');
    // The one-line card tells the rest on hover.
    await expect(row.locator('.account-head')).toHaveAttribute('title', /token: read_api/);
    await page.screenshot({ path: 'reports/screens/accounts-added.png' });
    // The renderer never received a secret, and none was logged.
    const views = JSON.stringify(await jobshell.app.core.request('accounts.list', {}));
    for (const secret of [alice.cookie.replace('_gitlab_session=', ''), alice.read_api_token]) {
      expect(views).not.toContain(secret);
      expect(jobshell.logs.join('\n')).not.toContain(secret);
    }
  });

  test('a wrong token shows its message and saves nothing', async ({ page, jobshell, gitlab }) => {
    const alice = seedUser(gitlab, 'alice');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await fillAndSubmit(dialog, {
      url: gitlab.url,
      cookie: alice.cookie,
      token: 'glpat-this-is-not-a-token',
    });
    await expect(dialog.getByRole('alert')).toContainText('GitLab did not accept the token');
    await page.screenshot({ path: 'reports/screens/accounts-wrong-token.png' });
    await expectNothingSaved(jobshell);
  });

  test('a token of another user is refused by name', async ({ page, jobshell, gitlab }) => {
    const alice = seedUser(gitlab, 'alice');
    const bob = seedUser(gitlab, 'bob');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await fillAndSubmit(dialog, { url: gitlab.url, cookie: alice.cookie, token: bob.token });
    await expect(dialog.getByRole('alert')).toHaveText(
      'The token belongs to @bob but the session to @alice. Use a token of @alice.',
    );
    await expectNothingSaved(jobshell);
  });

  test('an expired session shows its message and saves nothing', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    const cookie = gitlab.newSession('alice');
    gitlab.revoke({ cookie });
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await fillAndSubmit(dialog, { url: gitlab.url, cookie });
    await expect(dialog.getByRole('alert')).toContainText('The session is not signed in');
    await expectNothingSaved(jobshell);
  });

  test('a URL that is not GitLab shows its message and saves nothing', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    const alice = seedUser(gitlab, 'alice');
    const server: Server = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Router login</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await jobshell.open(page);
      const dialog = await openAddDialog(page);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await fillAndSubmit(dialog, { url, cookie: alice.cookie });
      await expect(dialog.getByRole('alert')).toContainText('This does not look like GitLab');
      await expectNothingSaved(jobshell);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a bad URL is refused with its own message', async ({ page, jobshell }) => {
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await fillAndSubmit(dialog, { url: 'http://gitlab.example.com', cookie: 'abc' });
    await expect(dialog.getByRole('alert')).toContainText('Plain http:// is refused');
    await expectNothingSaved(jobshell);
  });

  test('removing an account deletes its secrets from disk', async ({ page, jobshell, gitlab }) => {
    const alice = seedUser(gitlab, 'alice');
    await jobshell.signIn('alice', { token: 'api' });
    const secretsPath = join(jobshell.dataDir, 'secrets.json');
    expect(await fileText(secretsPath)).toContain(alice.token);
    await jobshell.open(page);
    const row = page.getByRole('listitem', { name: /@alice/ });
    await row.hover();
    await row.getByRole('button', { name: /^Account actions for / }).click();
    await row.getByRole('menuitem', { name: 'Remove…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Remove / });
    await confirm.getByRole('button', { name: 'Remove account' }).click();
    await expect(page.getByRole('heading', { name: 'No GitLab account yet' })).toBeVisible();
    const secrets = await fileText(secretsPath);
    expect(secrets).not.toContain(alice.token);
    expect(secrets).not.toContain(alice.cookie.replace('_gitlab_session=', ''));
    expect(await fileText(join(jobshell.dataDir, 'settings.json'))).not.toContain('alice');
  });

  test('a revoked session turns the account expired; "Sign in again" brings it back', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    const cookie = gitlab.newSession('alice');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await fillAndSubmit(dialog, { url: gitlab.url, cookie });
    const row = page.getByRole('listitem', { name: /@alice/ });
    await expect(row).toContainText('Signed in');
    gitlab.revoke({ cookie });
    // The job poller's next API call gets a 401 and reports it; the account stops and says so.
    await expect(row).toContainText('Session expired', { timeout: 60_000 });
    await row.getByRole('button', { name: 'Sign in again' }).click();
    const signIn = page.getByRole('dialog', { name: 'Sign in again as @alice' });
    await signIn.getByRole('textbox', { name: /^Session cookie/ }).fill(gitlab.newSession('bob'));
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn.getByRole('alert')).toContainText(
      'You signed in as @bob, but this account is @alice',
    );
    await signIn.getByRole('textbox', { name: /^Session cookie/ }).fill(gitlab.newSession('alice'));
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn).toBeHidden();
    await expect(row).toContainText('Signed in');
  });
});

test.describe('accounts on a self-signed GitLab', () => {
  test.use({ gitlabOptions: { tls: true } });

  test('shows the certificate fingerprint, and adds the account once the user trusts it', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    const alice = seedUser(gitlab, 'alice');
    const fingerprint = new X509Certificate(gitlab.info.ca ?? '').fingerprint256;
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await fillAndSubmit(dialog, { url: gitlab.url, cookie: alice.cookie });
    await expect(dialog.getByRole('alert')).toContainText('is not trusted');
    const confirm = dialog.getByRole('region', { name: 'Untrusted certificate' });
    await expect(confirm.getByLabel('SHA-256 fingerprint')).toHaveText(fingerprint);
    await expectNothingSaved(jobshell);
    await page.screenshot({ path: 'reports/screens/accounts-trust-certificate.png' });
    await confirm.getByRole('button', { name: 'Trust this certificate' }).click();
    await expect(dialog).toBeHidden();
    const [account] = await jobshell.app.core.request('accounts.list', {});
    expect(account?.network.pinnedFingerprint).toBe(fingerprint);
    await expect(page.getByRole('listitem', { name: /@alice/ })).toContainText('Signed in');
  });
});
