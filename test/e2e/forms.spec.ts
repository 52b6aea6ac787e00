/**
 * Forms speak the product's language at the field (issue 16): each bad input of
 * docs/quality.md gets its own sentence next to the field it is about, never the contract's
 * internal wording, and nothing is saved. The paste box uses the same rules, without the
 * browser's native pop-up, and another user's job is refused before a tab opens.
 */
import type { Locator, Page } from '@playwright/test';
import { seedUser } from '../gitlab-double';
import { expect, test } from './support/fixtures';

/** Words that belong to the contract's validator, never to a user's screen. */
const INTERNAL_WORDING = /params\.|must be a string|invalid-message|undefined|\[object/;

async function openAddDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add GitLab account' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * The error shown inside one field's own box (the label that holds the control). `control` must
 * be a page-relative locator (Playwright resolves `has` inside the outer element).
 */
function fieldError(dialog: Locator, control: Locator): Locator {
  return dialog.locator('.field', { has: control }).locator('.field-error');
}

function urlField(page: Page): Locator {
  return page.getByRole('textbox', { name: /^GitLab URL/ });
}

function tokenField(page: Page): Locator {
  return page.getByLabel('Personal access token (optional)');
}

/** Bad GitLab URLs of quality.md, each with words its own message must contain. */
const BAD_URLS: readonly (readonly [string, RegExp])[] = [
  ['', /Enter the address of your GitLab/],
  ['http://gitlab.example.com', /Plain http:\/\/ is refused/],
  ['https://user:secret@gitlab.example.com', /user name or password|user:/i],
  ['javascript:alert(1)', /javascript: address is not a GitLab URL/],
  ['file:///etc/passwd', /file:/],
  ['ws://gitlab.example.com', /ws:/],
  ['https://gitlab.example.com/?tab=1', /must not contain a query/],
  ['https://gitlab.example.com/#top', /must not contain a fragment/],
  ['https://gitlab.example .com', /contains spaces/],
];

test.describe('add account: every bad input at its field', () => {
  test('bad GitLab URLs', async ({ page, jobshell, gitlab }) => {
    const alice = seedUser(gitlab, 'alice');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    const url = urlField(page);
    await dialog.getByRole('textbox', { name: /^Session cookie/ }).fill(alice.cookie);
    for (const [input, words] of BAD_URLS) {
      await url.fill(input);
      await dialog.getByRole('button', { name: 'Add account' }).click();
      const error = fieldError(dialog, url);
      await expect(error, `URL ${JSON.stringify(input)}`).toHaveText(words);
      await expect(error).not.toHaveText(INTERNAL_WORDING);
      await expect(url).toHaveAttribute('aria-invalid', 'true');
    }
    expect(await jobshell.app.core.request('accounts.list', {})).toEqual([]);
  });

  test('a server that is not GitLab', async ({ page, jobshell, gitlab }) => {
    const alice = seedUser(gitlab, 'alice');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    const url = urlField(page);
    // Browser mode's own server: it answers on loopback, but it is not GitLab.
    await url.fill(new URL(jobshell.app.server.url).origin);
    await dialog.getByRole('textbox', { name: /^Session cookie/ }).fill(alice.cookie);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(fieldError(dialog, url)).toHaveText(/does not look like GitLab/);
  });

  test('tokens: unknown, and of another user', async ({ page, jobshell, gitlab }) => {
    const alice = seedUser(gitlab, 'alice');
    const bob = seedUser(gitlab, 'bob');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await dialog.getByRole('textbox', { name: /^GitLab URL/ }).fill(gitlab.url);
    await dialog.getByRole('textbox', { name: /^Session cookie/ }).fill(alice.cookie);
    const token = tokenField(page);
    for (const [value, words] of [
      ['glpat-not-a-real-token-00', /token/i],
      [bob.token, /@bob|another user|different user|belongs to/i],
    ] as const) {
      await token.fill(value);
      await dialog.getByRole('button', { name: 'Add account' }).click();
      const error = fieldError(dialog, token);
      await expect(error).toHaveText(words);
      await expect(error).not.toHaveText(INTERNAL_WORDING);
    }
    expect(await jobshell.app.core.request('accounts.list', {})).toEqual([]);
  });

  test('an empty session and an unparsable CA certificate', async ({ page, jobshell, gitlab }) => {
    const alice = seedUser(gitlab, 'alice');
    await jobshell.open(page);
    const dialog = await openAddDialog(page);
    await dialog.getByRole('textbox', { name: /^GitLab URL/ }).fill(gitlab.url);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog.locator('.account-session .field-error')).toHaveText(/_gitlab_session/);

    await dialog.getByRole('textbox', { name: /^Session cookie/ }).fill(alice.cookie);
    await dialog.getByText('Network: CA certificate, proxy').click();
    await dialog.getByPlaceholder('-----BEGIN CERTIFICATE-----').fill('not a certificate');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    const error = dialog.locator('.account-network .field-error');
    await expect(error).toHaveText(/certificate|PEM/i);
    await expect(error).not.toHaveText(INTERNAL_WORDING);
    expect(await jobshell.app.core.request('accounts.list', {})).toEqual([]);
  });
});

test.describe('settings', () => {
  test('numbers are clamped to their bounds, and the field shows the clamped value', async ({
    page,
    jobshell,
  }) => {
    await jobshell.open(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const size = page.getByRole('spinbutton', { name: 'Terminal font size (px)' });
    await size.fill('999');
    await size.press('Enter');
    await expect(size).toHaveValue('32');
    expect((await jobshell.app.core.request('settings.get', {})).fontSize).toBe(32);
  });
});

test.describe('the paste box', () => {
  test('says what is wrong under the box, never with a native pop-up; no tab opens', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const box = page.getByRole('textbox', { name: 'Job URL' });
    const error = page.locator('#open-url-error');
    const tabs = page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab');

    await box.press('Enter');
    await expect(error).toHaveText(/Paste the address of a job page/);
    // The browser's own URL check is off: no "Please enter a URL." bubble.
    expect(
      await box.evaluate((input) => (input as { validationMessage: string }).validationMessage),
    ).toBe('');

    for (const junk of ['not a url', 'ftp://gitlab.example.com/a/b/-/jobs/1']) {
      await box.fill(junk);
      await box.press('Enter');
      await expect(error).toBeVisible();
      await expect(error).not.toHaveText(INTERNAL_WORDING);
      await expect(box).toHaveAttribute('aria-invalid', 'true');
    }

    const bobsJob = gitlab.info.jobs.find((j) => j.name === 'rubocop');
    await box.fill(bobsJob?.web_url ?? 'seed changed');
    await box.press('Enter');
    await expect(error).toHaveText(/This is not your job: only @bob, who started it/);
    await expect(tabs).toHaveCount(0);
    expect(await jobshell.app.core.request('terminal.list', {})).toEqual([]);
  });
});
