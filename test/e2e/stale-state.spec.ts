import { waitForEvent } from '../gitlab-double';
import { expect, test } from './support/fixtures';

/**
 * Stale state (issue 12 item 5): a signed-out account says so instead of "Loading…", and a tab's
 * "sign in again" banner clears with its cause, offering Reconnect only once it can work.
 */

/** The job list's poll interval for a project with a running job (jobs tuning). */
const ACTIVE_POLL_MS = 12_000;

test.use({ gitlabOptions: { reauthIntervalMs: 300 } });

test('signed out: the list and the tab say so, and both clear after signing in again', async ({
  page,
  gitlab,
  jobshell,
}) => {
  const job = gitlab.createJob({ user: 'alice', name: 'deploy', mode: 'shell' });
  const cookie = gitlab.newSession('alice');
  const account = await jobshell.app.core.request('accounts.add', {
    baseUrl: gitlab.url,
    session: { kind: 'cookie', value: cookie },
  });
  await jobshell.open(page);
  const card = page.locator(`[data-job-key="${account.id}/${job.id}"]`);
  const connected = waitForEvent(gitlab, 'terminal-connected', (e) => e.jobId === job.id);
  await card.getByRole('button', { name: 'Open terminal' }).click();
  await connected;
  const pane = page.locator('[role="tabpanel"]');
  const badge = page.locator('[role="tab"] .status-badge');
  await expect(badge).toHaveAttribute('data-state', 'open');

  gitlab.revoke({ cookie });
  const banner = pane.locator('.ended-bar');
  await expect(banner).toHaveAttribute('data-end', 'sign-in');
  await expect(banner.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
  // The list's next poll meets the revoked session: it says "signed out", never "Loading…".
  const jobs = page.locator('.jobs');
  await expect(async () => {
    jobshell.clock.skip(ACTIVE_POLL_MS);
    await expect(jobs.locator('[data-needs-sign-in]')).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(jobs).not.toContainText('Loading running jobs');
  await page.screenshot({ path: 'reports/screens/signed-out.png' });

  await jobshell.app.core.request('accounts.signIn', {
    accountId: account.id,
    session: { kind: 'cookie', value: gitlab.newSession('alice') },
  });
  await expect(jobs.locator('[data-needs-sign-in]')).toHaveCount(0);
  await expect(banner).toContainText('You are signed in again');
  await expect(banner.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
  const reconnected = waitForEvent(gitlab, 'terminal-connected', (e) => e.jobId === job.id);
  await banner.getByRole('button', { name: 'Reconnect' }).click();
  await reconnected;
  await expect(badge).toHaveAttribute('data-state', 'open');
  await expect(pane.locator('.ended-bar')).toHaveCount(0);
  // The keyboard is back in the terminal: typed keys reach the shell.
  await expect(pane.locator('.xterm-helper-textarea')).toBeFocused();
});
