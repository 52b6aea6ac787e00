import type { Page } from '@playwright/test';
import { endScriptIntoHold, jobPassed, type GitlabDouble } from '../gitlab-double';
import { expect, test, type Jobshell } from './support/fixtures';
import { skipUntil } from './support/skip-polls';
import { openShellTab, pane, tab as tabOf } from './support/terminals';

/**
 * Held-open alerts (issue 7) end to end: a terminal open when the script ends keeps the job
 * running (the double's runner holds it); once the user stops typing, Jobshell says so with a
 * countdown and offers Release and Keep. The core's clock is skipped (log polls, the idle
 * threshold) and the double's session timeout is run out on demand: nothing waits in real time.
 */

/** The smallest idle threshold the settings allow: a real user's pause. */
const IDLE_THRESHOLD_S = 10;

async function openHeldJob(page: Page, gitlab: GitlabDouble, jobshell: Jobshell, name: string) {
  await jobshell.signIn();
  await jobshell.app.core.request('settings.update', { idleThresholdS: IDLE_THRESHOLD_S });
  await jobshell.open(page);
  const { job, sessionId } = await openShellTab(page, gitlab, jobshell, name);
  await endScriptIntoHold(gitlab, job.id);
  const tab = tabOf(page, sessionId);
  const toast = page.locator('.toast', { hasText: `${name} is held open by your terminal` });
  // The core sees the hold at its next log poll, then alerts once the terminal was idle so long.
  await skipUntil(jobshell.clock, (timeout) =>
    expect(tab.locator('.status-badge')).toHaveAttribute('data-state', 'held', { timeout }),
  );
  await skipUntil(
    jobshell.clock,
    (timeout) => expect(toast).toBeVisible({ timeout }),
    IDLE_THRESHOLD_S * 1000,
  );
  return { job, sessionId, tab, toast };
}

test.describe('held-open alerts', () => {
  test('an idle terminal holding a finished job raises an alert with a countdown; Release finishes the job', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    const { job, tab, toast } = await openHeldJob(page, gitlab, jobshell, 'integration');
    await expect(tab.locator('.status-badge')).toHaveAttribute('data-state', 'held');
    await expect(tab).toContainText(/\d+:\d\d/);
    await expect(toast).toContainText('Your idle terminal is keeping the job running');
    await expect(toast).toContainText(/\d+:\d\d left/);
    await page.screenshot({ path: 'reports/screens/held-alert.png' });
    const finished = jobPassed(gitlab, job.id);
    await toast.getByRole('button', { name: 'Release' }).click();
    await finished;
    expect(gitlab.trace(job.id)).toContain('Terminal disconnected');
    await expect(tab.locator('.status-badge')).toHaveAttribute('data-state', 'closed');
  });

  test('Keep stops the reminders; the runner’s timeout then ends the session and the tab says why', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    const { job, sessionId, toast } = await openHeldJob(page, gitlab, jobshell, 'e2e:firefox');
    await toast.getByRole('button', { name: 'Keep' }).click();
    await expect(toast).toBeHidden();
    const sessions = await jobshell.app.core.request('terminal.list', {});
    const session = sessions.find((s) => s.id === sessionId);
    expect(session?.state.kind === 'held' && session.state.hold.kept).toBe(true);
    const finished = jobPassed(gitlab, job.id);
    gitlab.timeOutHold(job.id);
    await finished;
    expect(gitlab.trace(job.id)).toContain('terminal session timed out');
    await expect(pane(page, sessionId)).toContainText(
      "The runner's session timeout ended the terminal that was holding the job open.",
    );
  });
});
