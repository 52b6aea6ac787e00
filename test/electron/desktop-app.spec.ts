/**
 * The desktop app end to end (issue 19): the real built main process, preload and sign-in window
 * under the Electron stand-in, against the GitLab double. These tests need the OS side (tray,
 * notifications, message boxes, a second instance), which the stand-in records; see
 * test/electron-standin/README.md.
 */
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { endScriptIntoHold, jobPassed, waitForEvent } from '../gitlab-double';
import { StandinApplication } from '../electron-standin/host/standin-app';
import { harness, openTerminal, request, signInThroughGitlab, type Harness } from './desktop-flow';

/** The smallest idle threshold the settings allow, so a held job alerts within the test. */
const IDLE_THRESHOLD_S = 10;

let h: Harness;
test.beforeEach(async () => {
  h = await harness();
});
test.afterEach(async () => {
  await h.close();
});

/** Chromium's Linux OSCrypt (what the stand-in's safeStorage implements), for reading the file. */
function decryptOsCrypt(cipher: Buffer, password: string): string {
  const key = pbkdf2Sync(password, 'saltysalt', 1, 16, 'sha1');
  const decipher = createDecipheriv('aes-128-cbc', key, Buffer.alloc(16, ' '));
  return Buffer.concat([decipher.update(cipher.subarray(3)), decipher.final()]).toString('utf8');
}

function secretFile(profile: string): Record<string, string> {
  const file = JSON.parse(readFileSync(join(profile, 'secrets.json'), 'utf8')) as {
    entries: Record<string, string>;
  };
  return file.entries;
}

test('starts empty; signs in on GitLab’s own page; the account and its jobs appear; the cookie stays out of the main window', async () => {
  const desktop = await h.start();
  const { window } = desktop;
  await expect(window.getByRole('heading', { name: 'No GitLab account yet' })).toBeVisible();
  const { sessionCookie } = await signInThroughGitlab(desktop, h.gitlab, 'alice');
  await expect(window.getByRole('listitem', { name: 'rspec in acme/platform/api' })).toBeVisible({
    timeout: 30_000,
  });
  // The session lives in the account's own partition only: not in the main window's cookies,
  // not in its document, not in anything the main process sends the renderer.
  expect((await window.context().cookies()).map((c) => c.name)).not.toContain('_gitlab_session');
  expect(
    await window.evaluate(
      () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
    ),
  ).toBe('');
  expect(await window.content()).not.toContain(sessionCookie);
  const accounts = await request(window, 'accounts.list', {});
  expect(JSON.stringify(accounts)).not.toContain(sessionCookie);
});

test('the sign-in window refuses to navigate off its GitLab to plain http (will-navigate)', async () => {
  const desktop = await h.start();
  const { app, window } = desktop;
  await window.getByRole('button', { name: 'Add account' }).click();
  const dialog = window.getByRole('dialog', { name: 'Add GitLab account' });
  await dialog.getByLabel('GitLab URL').fill(h.gitlab.url);
  const opened = app.waitForWindow();
  await dialog.getByRole('button', { name: 'Sign in and add' }).click();
  const signIn = await opened;
  await expect(signIn).toHaveURL(`${h.gitlab.url}/users/sign_in`);
  const blocked = app.waitForLog('sign-in window navigation blocked');
  await signIn.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href =
      'http://elsewhere.invalid/phish';
  });
  expect(await blocked).toContain('elsewhere.invalid');
  await expect(signIn.getByRole('heading', { name: 'Sign in to GitLab' })).toBeVisible();
  expect(signIn.url()).toBe(`${h.gitlab.url}/users/sign_in`);
});

test('a two-factor user signs in with the second step on the same page', async () => {
  const desktop = await h.start();
  await signInThroughGitlab(desktop, h.gitlab, 'dana');
  await expect(desktop.window.getByRole('listitem', { name: /@dana/ })).toContainText('Signed in');
});

test('a held job: OS notification with Release/Keep, tray "held" with the countdown; Release finishes the job and withdraws the notification', async () => {
  const { desktop, job } = await holdIntegrationJob();
  const { app } = desktop;

  const tray = await app.waitForTray((t) =>
    t.menu.some((item) => /^integration #\d+ — held open, \d+:\d\d left/.test(item.label)),
  );
  expect(tray.image).toBe('tray-attention.png');
  const alert = await app.waitForNotification(
    (n) => n.status === 'shown' && n.actions.includes('Release'),
  );
  expect(alert.actions).toEqual(['Release', 'Keep']);
  expect(alert.title).toContain('integration');

  const finished = jobPassed(h.gitlab, job.id, 30_000);
  await app.notificationAction(alert.id, 'Release');
  await finished;
  // Withdrawn: the notification acted on is closed by the app (notifications.act, on main now).
  await app.waitForNotification((n) => n.id === alert.id && n.status === 'closed');
  await app.waitForTray((t) => t.image !== 'tray-attention.png');
});

test('a hold released from the page withdraws its OS notification and the tray entry too', async () => {
  const { desktop } = await holdIntegrationJob();
  const { app, window } = desktop;
  const alert = await app.waitForNotification(
    (n) => n.status === 'shown' && n.actions.includes('Release'),
  );

  await window.locator('.held-banner').getByRole('button', { name: 'Release job' }).click();
  // One model, every surface: the OS notification is closed and the tray's entry is gone.
  await app.waitForNotification((n) => n.id === alert.id && n.status === 'closed');
  await app.waitForTray(
    (t) => t.image !== 'tray-attention.png' && !t.menu.some((item) => /held open/.test(item.label)),
  );
});

test('on a self-signed GitLab, the sign-in window loads only once the user trusts the certificate (verify proc)', async () => {
  const tls = await harness({ tls: true });
  try {
    const desktop = await tls.start();
    await signInThroughGitlab(desktop, tls.gitlab, 'alice', { trustCertificate: true });
    expect(tls.gitlab.url.startsWith('https:')).toBe(true);
  } finally {
    await tls.close();
  }
});

test('closing the window keeps the app in the tray, and says so once', async () => {
  const desktop = await h.start();
  const { app, window } = desktop;
  await app.closeWindow(window);
  const hint = await app.waitForNotification((n) => n.title === 'Jobshell is still running');
  expect(hint.body).toContain('tray');
  expect(window.isClosed()).toBe(false);
  expect(app.running).toBe(true);
  await app.chooseTrayItem('Show Jobshell');
  await app.closeWindow(window);
  // Both closes have been handled (each control call returns after the app's handlers ran).
  expect(app.notifications().filter((n) => n.title === 'Jobshell is still running')).toHaveLength(
    1,
  );
  expect(app.running).toBe(true);
});

test('a second instance with a jobshell:// link opens that job’s tab in the first, and exits', async () => {
  const desktop = await h.start();
  await signInThroughGitlab(desktop, h.gitlab, 'alice');
  const job = h.gitlab.createJob({ user: 'alice', name: 'deep-link', mode: 'shell' });
  const connected = waitForEvent(h.gitlab, 'terminal-connected', (e) => e.jobId === job.id);
  const second = StandinApplication.launch({
    args: [
      `--user-data-dir=${desktop.profile}`,
      `jobshell://open?url=${encodeURIComponent(job.web_url)}`,
    ],
  });
  expect(await second.exited).toBe(0);
  expect(second.windows()).toHaveLength(0);
  expect(second.lifecycle).toContain('single-instance:second');
  await connected;
  await expect(desktop.window.getByRole('tab', { name: /deep-link/ })).toBeVisible();
});

test('Quit from the tray with a live terminal asks first; Cancel keeps it, Quit ends it', async () => {
  const desktop = await h.start();
  const { app } = desktop;
  await signInThroughGitlab(desktop, h.gitlab, 'alice');
  await openTerminal(desktop, h.gitlab, 'quit-check');
  await app.chooseTrayItem('Quit Jobshell');
  const ask = await app.waitForDialog();
  expect(ask.message).toBe('Quit Jobshell and close 1 terminal?');
  app.answerDialog('Cancel');
  await expect(desktop.window.getByRole('tab', { name: /quit-check/ })).toBeVisible();
  expect(app.running).toBe(true);
  await app.chooseTrayItem('Quit Jobshell');
  await app.waitForDialog();
  app.answerDialog('Quit');
  expect(await app.exited).toBe(0);
});

test('with an OS keyring, secrets are encrypted on disk and survive a restart', async () => {
  const desktop = await h.start({ keyring: 'gnome_libsecret' });
  const { sessionCookie } = await signInThroughGitlab(desktop, h.gitlab, 'alice');
  const raw = readFileSync(join(desktop.profile, 'secrets.json'), 'utf8');
  expect(raw).not.toContain(sessionCookie);
  const entries = Object.values(secretFile(desktop.profile));
  expect(entries.length).toBeGreaterThan(0);
  const ciphers = entries.map((e) => Buffer.from(e, 'base64'));
  for (const cipher of ciphers) expect(cipher.subarray(0, 3).toString()).toBe('v11');
  // Real, reversible encryption with the keyring's key (the stand-in's test key).
  const plain = ciphers.map((c) => decryptOsCrypt(c, 'jobshell-standin-test-keyring-secret'));
  expect(plain.some((p) => p.includes(sessionCookie))).toBe(true);

  await desktop.app.close();
  const again = await desktop.restart();
  await expect(again.window.getByRole('listitem', { name: /@alice/ })).toContainText('Signed in');
});

test('with only basic_text, secrets stay in memory until the user opts in to the unencrypted file', async () => {
  const desktop = await h.start({ keyring: 'basic_text' });
  const { window } = desktop;
  const { sessionCookie } = await signInThroughGitlab(desktop, h.gitlab, 'alice');
  expect(existsSync(join(desktop.profile, 'secrets.json'))).toBe(false);
  window.once('dialog', (d) => void d.accept());
  // The storage notice is one line until opened; the opt-in is inside it.
  await window.locator('.storage-warning summary').click();
  await window.getByRole('button', { name: 'Store them unencrypted' }).click();
  await expect(window.getByRole('button', { name: 'Store them unencrypted' })).toBeHidden();
  const ciphers = Object.values(secretFile(desktop.profile)).map((e) => Buffer.from(e, 'base64'));
  // basic_text is Chromium's fixed key ("v10", "peanuts"): anyone can read it, as the app warns.
  for (const cipher of ciphers) expect(cipher.subarray(0, 3).toString()).toBe('v10');
  expect(
    ciphers.map((c) => decryptOsCrypt(c, 'peanuts')).some((p) => p.includes(sessionCookie)),
  ).toBe(true);
});

/** Signs alice in, opens the integration job's terminal and ends its script: the runner holds it. */
async function holdIntegrationJob() {
  const desktop = await h.start();
  await signInThroughGitlab(desktop, h.gitlab, 'alice');
  await request(desktop.window, 'settings.update', { idleThresholdS: IDLE_THRESHOLD_S });
  const job = await openTerminal(desktop, h.gitlab, 'integration');
  await endScriptIntoHold(h.gitlab, job.id);
  return { desktop, job };
}
