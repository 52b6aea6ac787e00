/**
 * "My running jobs" end to end (issue 5): the real renderer bundle in Chromium, the real core in
 * browser mode polling the GitLab double. Tests look at what the list shows and change GitLab
 * through the double; they wait for the UI, never for a fixed time.
 */
import type { Page } from '@playwright/test';
import type { GitlabDouble, JobInfo } from '../gitlab-double';
import { ACTIVE_INTERVAL_MS } from '../../src/main/core/jobs/tuning';
import { expect, test } from './support/fixtures';
import { skipUntil } from './support/skip-polls';

/** A canceled job leaves the list at the next poll of a busy project (12 s ± jitter) at the latest. */
const POLL_TIMEOUT_MS = 30_000;

function seededJob(gitlab: GitlabDouble, name: string): JobInfo {
  const job = gitlab.info.jobs.find((j) => j.name === name);
  if (job === undefined) throw new Error(`the double seeds no job named ${name}`);
  return job;
}

function sidebar(page: Page) {
  return page.getByRole('complementary', { name: 'Running jobs' });
}

function row(page: Page, name: string, project = 'acme/platform/api') {
  return sidebar(page).getByRole('listitem', { name: `${name} in ${project}` });
}

test.describe('my running jobs', () => {
  test("alice's jobs appear with the right terminal badges and reasons", async ({
    page,
    jobshell,
  }) => {
    await jobshell.signIn('alice', { token: 'api' });
    await jobshell.open(page);

    await expect(row(page, 'rspec').locator('.job-terminal-badge')).toHaveText('Terminal');
    await expect(row(page, 'rspec')).toContainText('feature/login');
    // Row actions show on hover, focus and selection.
    await row(page, 'rspec').hover();
    await expect(row(page, 'rspec').getByRole('button', { name: 'Open terminal' })).toBeEnabled();
    await expect(
      row(page, 'e2e:chrome', 'acme/platform/web').locator('.job-terminal-badge'),
    ).toBeVisible();
    // The Docker executor supports terminals while the script runs, so GitLab (and the double)
    // offer terminal_path for it; the terminal closes when the script ends.
    await expect(
      row(page, 'deploy:review', 'acme/tools/deploy').locator('.job-terminal-badge'),
    ).toBeVisible();

    const pending = row(page, 'build:gpu');
    await expect(pending.locator('.job-terminal-reason')).toHaveText(/^Waiting for a runner/);
    await expect(pending.getByRole('button', { name: 'Open terminal' })).toHaveCount(0);
    await pending.hover();
    await pending.getByRole('button', { name: 'More actions for build:gpu' }).click();
    await expect(pending.getByRole('menuitem', { name: 'Open terminal' })).toBeDisabled();
    await page.keyboard.press('Escape');

    // Bob's job sits in a collapsed group of its own and can never be opened.
    const others = sidebar(page).locator('details.jobs-others');
    await expect(others.locator('summary')).toHaveText('Started by others (1)');
    await expect(row(page, 'rubocop')).toBeHidden();
    await others.locator('summary').click();
    await expect(row(page, 'rubocop').locator('.job-terminal-reason')).toHaveText(
      'Started by @bob: only the user who started a job can open its terminal',
    );
    await expect(row(page, 'rubocop').getByRole('button', { name: 'Open terminal' })).toHaveCount(
      0,
    );
    await row(page, 'rubocop').hover();
    await row(page, 'rubocop').getByRole('button', { name: 'More actions for rubocop' }).click();
    await expect(
      row(page, 'rubocop').getByRole('menuitem', { name: 'Open terminal' }),
    ).toBeDisabled();
    await expect(row(page, 'rubocop').getByRole('menuitem', { name: /^Cancel/ })).toHaveCount(0);

    // The finished lint job is not listed.
    await expect(row(page, 'lint')).toHaveCount(0);
  });

  test('a job created later appears without a reload, and a finished job leaves', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    await expect(row(page, 'rspec')).toBeVisible();

    // Both changes show at the project's next poll: the core's clock is skipped to it.
    gitlab.createJob({ user: 'alice', name: 'late-arrival', mode: 'shell' });
    await skipUntil(
      jobshell.clock,
      (timeout) =>
        expect(row(page, 'late-arrival').locator('.job-terminal-badge')).toBeVisible({ timeout }),
      ACTIVE_INTERVAL_MS,
    );

    gitlab.endScript(seededJob(gitlab, 'rspec').id);
    await skipUntil(
      jobshell.clock,
      (timeout) => expect(row(page, 'rspec')).toHaveCount(0, { timeout }),
      ACTIVE_INTERVAL_MS,
    );
    await expect(row(page, 'late-arrival')).toBeVisible();
  });

  test('pasting a job URL opens its terminal; junk gets a clear message', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const box = page.getByRole('textbox', { name: 'Job URL' });

    await box.fill('https://elsewhere.example/acme/api/-/jobs/1');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.locator('#open-url-error')).toBeVisible();
    await expect(page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab')).toHaveCount(0);

    await box.fill(`${seededJob(gitlab, 'rspec').web_url}/`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const tab = page
      .getByRole('tablist', { name: 'Terminals' })
      .getByRole('tab', { name: /rspec/ });
    await expect(tab).toBeVisible();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveValue('');
  });

  test('filter, keyboard navigation and Enter open a terminal', async ({ page, jobshell }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const filter = sidebar(page).getByRole('searchbox', { name: 'Filter jobs' });
    await expect(row(page, 'rspec')).toBeVisible();

    await filter.fill('chrome');
    await expect(row(page, 'e2e:chrome', 'acme/platform/web')).toBeVisible();
    await expect(row(page, 'rspec')).toHaveCount(0);
    await filter.fill('no-such-job');
    await expect(sidebar(page)).toContainText('No job matches “no-such-job”.');

    await filter.fill('feature/login');
    await expect(row(page, 'build:gpu')).toBeVisible();
    await filter.press('ArrowDown');
    // Running jobs come first within a project: rspec, then the pending build:gpu.
    await expect(row(page, 'rspec')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(row(page, 'build:gpu')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(row(page, 'rspec')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab', { name: /rspec/ }),
    ).toBeVisible();
  });

  test('cancel asks first and needs a token with the api scope', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn('alice', { token: 'api' });
    await jobshell.open(page);
    const rspec = row(page, 'rspec');
    const cancelItem = async (): Promise<void> => {
      await rspec.hover();
      await rspec.getByRole('button', { name: 'More actions for rspec' }).click();
      await rspec.getByRole('menuitem', { name: 'Cancel job…' }).click();
    };
    await cancelItem();
    await rspec.getByRole('button', { name: 'Keep running' }).click();
    expect(gitlab.jobsAdmin().find((j) => j.name === 'rspec')?.status).toBe('running');

    await cancelItem();
    await rspec.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(row(page, 'rspec')).toHaveCount(0, { timeout: POLL_TIMEOUT_MS });
    expect(gitlab.jobsAdmin().find((j) => j.name === 'rspec')?.status).toBe('canceled');
  });

  test('without an api-scope token, Cancel goes with the web session (CSRF token)', async ({
    page,
    jobshell,
    gitlab,
  }) => {
    await jobshell.signIn('alice', { token: 'read_api' });
    await jobshell.open(page);
    const rspec = row(page, 'rspec');
    await rspec.hover();
    await rspec.getByRole('button', { name: 'More actions for rspec' }).click();
    await rspec.getByRole('menuitem', { name: 'Cancel job…' }).click();
    await rspec.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(row(page, 'rspec')).toHaveCount(0, { timeout: POLL_TIMEOUT_MS });
    expect(gitlab.jobsAdmin().find((j) => j.name === 'rspec')?.status).toBe('canceled');
  });
});
