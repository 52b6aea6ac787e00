/**
 * Retry with terminal end to end in browser mode: the failed job in the list, the verdict dialog,
 * the retry, and the new job's tab marked "Retry of #N", held when its script fails. With
 * JOBSHELL_SHOTS=<dir> the changed screens are also saved there (1280x800, light and dark).
 */
import type { Page } from '@playwright/test';
import type { GitlabDouble, JobInfo } from '../gitlab-double';
import { expect, test } from './support/fixtures';

/** The finished sweep runs once the project list is in: one request round after start. */
const LIST_TIMEOUT_MS = 30_000;
const SHOTS = process.env.JOBSHELL_SHOTS;

function seededJob(gitlab: GitlabDouble, name: string): JobInfo {
  const job = gitlab.info.jobs.find((j) => j.name === name);
  if (job === undefined) throw new Error(`the double seeds no job named ${name}`);
  return job;
}

function finishedRow(page: Page, name: string, status = 'failed') {
  return page.locator('.finished-jobs').getByRole('listitem', { name: `${name} ${status}` });
}

async function shoot(
  page: Page,
  name: string,
  setTheme: (theme: 'light' | 'dark') => Promise<void>,
) {
  if (SHOTS === undefined) return;
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `${SHOTS}/${name}-${theme}.png` });
  }
}

test.describe('retry with terminal', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('a failed shell job is listed, retried from the list, and its tab says which job it retried', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    // A web session only: the retry goes with the cookie and GitLab's CSRF token.
    await jobshell.signIn('alice');
    await jobshell.open(page);
    const setTheme = async (theme: 'light' | 'dark'): Promise<void> => {
      await jobshell.app.core.request('settings.update', { theme });
    };
    const failed = seededJob(gitlab, 'rspec:integration');
    const row = finishedRow(page, 'rspec:integration');
    await expect(row).toBeVisible({ timeout: LIST_TIMEOUT_MS });
    await expect(row).toContainText('script failed');
    await expect(row).toContainText('3m 05s');
    await expect(row).toContainText('shell', { timeout: LIST_TIMEOUT_MS });
    // Canceled jobs are there, collapsed.
    await expect(page.locator('.finished-canceled summary')).toHaveText('Canceled (1)');
    await page.locator('.finished-canceled summary').scrollIntoViewIfNeeded();
    await shoot(page, 'list', setTheme);

    await row.getByRole('button', { name: 'Retry with terminal' }).click();
    const dialog = page.getByRole('dialog', { name: /Retry rspec:integration/ });
    await expect(dialog).toContainText('shell executor keeps the job running');
    await shoot(page, 'dialog-ready', setTheme);
    await dialog.getByRole('button', { name: 'Retry with terminal' }).click();
    await expect(dialog).toBeHidden();

    const tab = page.getByRole('tab', { name: /rspec:integration/ });
    await expect(tab).toContainText(`Retry of #${failed.id}`, { timeout: LIST_TIMEOUT_MS });
    await expect(row.getByRole('status')).toContainText(/Attached|Held/);
    // The job log opens beside the new tab.
    await expect(page.locator('.log-pane')).toBeVisible();
    const newJob = gitlab
      .jobsAdmin()
      .find((j) => j.id > failed.id && j.name === 'rspec:integration');
    if (newJob === undefined) throw new Error('no retried job');
    expect(newJob.user_id).toBe(101);
    await expect
      .poll(() => gitlab.jobsAdmin().find((j) => j.id === newJob.id)?.terminal_attached)
      .toBe(true);
    gitlab.endScript(newJob.id);
    await expect(row.getByRole('status')).toContainText('Held');
    await shoot(page, 'tab-held', setTheme);
  });

  test('a Docker job gets the explanation and the snippet; a second click is not a second retry', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    await jobshell.signIn('alice', { token: 'api' });
    await jobshell.open(page);
    const setTheme = async (theme: 'light' | 'dark'): Promise<void> => {
      await jobshell.app.core.request('settings.update', { theme });
    };
    const row = finishedRow(page, 'smoke:review');
    await expect(row).toBeVisible({ timeout: LIST_TIMEOUT_MS });
    await row.getByRole('button', { name: 'Retry with terminal' }).click();
    const dialog = page.getByRole('dialog', { name: /Retry smoke:review/ });
    await expect(dialog).toContainText('Docker executor');
    await expect(dialog.getByLabel('.gitlab-ci.yml snippet')).toContainText('JOBSHELL_HOLD');
    await shoot(page, 'dialog-docker', setTheme);
    const before =
      gitlab.counters().api_requests['POST /api/v4/projects/:id/jobs/:job_id/retry'] ?? 0;
    await dialog.getByRole('button', { name: 'Retry anyway' }).dblclick();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole('status')).toBeVisible();
    expect(gitlab.counters().api_requests['POST /api/v4/projects/:id/jobs/:job_id/retry']).toBe(
      before + 1,
    );
  });
});
