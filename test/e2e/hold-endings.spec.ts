import type { Locator, Page } from '@playwright/test';
import {
  endScriptIntoHold,
  jobPassed,
  waitForEvent,
  type GitlabDouble,
  type JobInfo,
} from '../gitlab-double';
import { expect, test, type Jobshell } from './support/fixtures';
import { skipUntil } from './support/skip-polls';
import { pane as paneOf, tab as tabOf } from './support/terminals';

/**
 * Every way a held-open job's hold ends (issue 12), end to end: the toast, the tab badge, the tab's
 * banner and the sidebar card tell the same story before and after, and nothing offers a Reconnect
 * that cannot work. The core's clock is skipped instead of waiting for log polls in real time.
 */

interface Held {
  readonly job: JobInfo;
  readonly sessionId: string;
  readonly alertId: string;
  readonly tab: Locator;
  readonly badge: Locator;
  readonly pane: Locator;
  readonly toasts: Locator;
  readonly card: Locator;
}

async function holdJob(page: Page, gitlab: GitlabDouble, jobshell: Jobshell): Promise<Held> {
  // The job exists before sign-in, so the account's first poll lists it (no wait for the next).
  const job = gitlab.createJob({ user: 'alice', name: 'rspec', mode: 'shell' });
  const account = await jobshell.signIn();
  await jobshell.open(page);
  const card = page.locator(`[data-job-key="${account.id}/${job.id}"]`);
  await expect(card).toBeVisible();
  const connected = waitForEvent(gitlab, 'terminal-connected', (e) => e.jobId === job.id);
  await card.getByRole('button', { name: 'Open terminal' }).click();
  await connected;
  const sessions = await jobshell.app.core.request('terminal.list', {});
  const sessionId = sessions.find((s) => s.jobId === job.id)?.id ?? '';
  const tab = tabOf(page, sessionId);
  const badge = tab.locator('.status-badge');
  await expect(card.locator('.job-terminal-mark')).toHaveText('Tab open');

  await endScriptIntoHold(gitlab, job.id);
  // The hold shows once the core reads it in the job log: skip to its next poll.
  await skipUntil(jobshell.clock, (timeout) =>
    expect(badge).toHaveAttribute('data-state', 'held', { timeout }),
  );

  const toasts = page.locator('.toast[data-alert]');
  await expect(toasts).toHaveCount(1);
  const alertId = (await toasts.first().getAttribute('data-alert')) ?? '';
  const pane = paneOf(page, sessionId);
  // All four agree the job is held, with a countdown.
  await expect(toasts.first()).toContainText(
    /rspec finished (its script|\(passed\))\. .* \d+:\d\d left/,
  );
  await expect(badge).toContainText(/Held \d+:\d\d/);
  await expect(pane.locator('.held-banner')).toContainText(/\d+:\d\d left/);
  await expect(card.locator('.job-terminal-mark')).toHaveText(/Held \d+:\d\d/);
  return { job, sessionId, alertId, tab, badge, pane, toasts, card };
}

/** After the hold ended: no toast, the tab and banner name the ending, nothing offers Reconnect. */
async function expectEnded(
  held: Held,
  ending: { readonly badge: string; readonly end: string; readonly text: RegExp | string },
): Promise<void> {
  await expect(held.badge).toHaveAttribute('data-state', 'closed');
  await expect(held.badge).toContainText(ending.badge);
  await expect(held.toasts).toHaveCount(0);
  const banner = held.pane.locator('.ended-bar');
  await expect(banner).toHaveAttribute('data-end', ending.end);
  await expect(banner).toContainText(ending.text);
  await expect(held.pane.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
  await expect(banner.getByRole('button', { name: 'Close tab' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'View log' })).toBeVisible();
  await expect(held.pane.locator('.held-banner')).toHaveCount(0);
  // The card either shows the same ending or is gone with the finished job: never "Held".
  await expect(held.card.locator('.job-terminal-mark', { hasText: 'Held' })).toHaveCount(0);
}

/** A late action on the withdrawn alert does nothing and says why. */
async function expectLateActionRefused(jobshell: Jobshell, held: Held, why: RegExp) {
  const outcome = await jobshell.app.core.request('notifications.act', {
    notificationId: held.alertId,
    action: 'release',
  });
  expect(outcome.applied).toBe(false);
  expect(outcome.message).toMatch(why);
}

test.describe('a held-open job’s hold ends, and every surface agrees', () => {
  test('Release from the toast: calm, never red, never Reconnect', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    const held = await holdJob(page, gitlab, jobshell);
    const finished = jobPassed(gitlab, held.job.id);
    await held.toasts.first().getByRole('button', { name: 'Release' }).click();
    await finished;
    await expectEnded(held, {
      badge: 'Released',
      end: 'released',
      text: /Released: the job finished/,
    });
    await expect(held.pane.locator('.ended-bar')).toHaveClass(/tone-calm/);
    await expect(held.pane.locator('.ended-bar')).toHaveAttribute('role', 'status');
    await expectLateActionRefused(jobshell, held, /already released/);
    await page.screenshot({ path: 'reports/screens/hold-released.png' });
  });

  test('the job is canceled through GitLab', async ({ page, gitlab, jobshell }) => {
    const held = await holdJob(page, gitlab, jobshell);
    gitlab.cancelJob(held.job.id);
    await expectEnded(held, { badge: 'Canceled', end: 'job-over', text: 'The job was canceled' });
    await expectLateActionRefused(jobshell, held, /canceled/);
  });

  test('the job finishes under the terminal', async ({ page, gitlab, jobshell }) => {
    const held = await holdJob(page, gitlab, jobshell);
    gitlab.finishJob(held.job.id);
    await expectEnded(held, {
      badge: 'Finished',
      end: 'job-over',
      text: 'The job finished (passed)',
    });
    await expectLateActionRefused(jobshell, held, /already finished/);
  });

  test('the account is removed', async ({ page, gitlab, jobshell }) => {
    const held = await holdJob(page, gitlab, jobshell);
    const accounts = await jobshell.app.core.request('accounts.list', {});
    await jobshell.app.core.request('accounts.remove', { accountId: accounts[0]?.id ?? '' });
    await expectEnded(held, { badge: 'Closed', end: 'closed', text: 'The account was removed' });
    await expect(held.card).toHaveCount(0);
    await expectLateActionRefused(jobshell, held, /account was removed/);
  });

  test('the tab is closed (after confirming)', async ({ page, gitlab, jobshell }) => {
    const held = await holdJob(page, gitlab, jobshell);
    await held.tab.getByRole('button', { name: 'Close rspec' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('This cannot be undone');
    await dialog.getByRole('button', { name: 'Close and release' }).click();
    await expect(held.tab).toHaveCount(0);
    await expect(held.toasts).toHaveCount(0);
    await expect(held.card.locator('.job-terminal-mark')).toHaveCount(0);
    await expectLateActionRefused(jobshell, held, /tab was closed/);
  });

  test('the runner’s session timeout ends the hold', async ({ page, gitlab, jobshell }) => {
    const held = await holdJob(page, gitlab, jobshell);
    gitlab.timeOutHold(held.job.id);
    await expectEnded(held, {
      badge: 'Timed out',
      end: 'job-over',
      text: "The runner's session timeout ended the terminal",
    });
    await expectLateActionRefused(jobshell, held, /session timeout/);
  });
});
