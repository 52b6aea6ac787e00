/**
 * Broadcast input and the attach history (issue 15) end to end: real shells behind the GitLab
 * double, the real renderer in Chromium, the real core in browser mode.
 */
import { endScriptIntoHold, jobPassed } from '../gitlab-double';
import { expect, test } from './support/fixtures';
import { skipUntil } from './support/skip-polls';
import { bufferText, openShellTab as openShell, pane, tab } from './support/terminals';

test.describe('broadcast', () => {
  test('echo $CI_JOB_ID broadcast to two of three tabs: each target shows its own id, the third nothing', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const a = await openShell(page, gitlab, jobshell, 'rspec 1/3');
    const b = await openShell(page, gitlab, jobshell, 'rspec 2/3');
    const c = await openShell(page, gitlab, jobshell, 'rspec 3/3');

    await tab(page, a.sessionId)
      .getByRole('button', { name: /^Broadcast to/ })
      .click();
    await tab(page, b.sessionId)
      .getByRole('button', { name: /^Broadcast to/ })
      .click();
    await expect(tab(page, a.sessionId)).toHaveClass(/broadcast-target/);
    await expect(tab(page, b.sessionId)).toHaveClass(/broadcast-target/);
    await expect(tab(page, c.sessionId)).not.toHaveClass(/broadcast-target/);

    await tab(page, a.sessionId).click();
    const banner = pane(page, a.sessionId).getByTestId('broadcast-banner');
    await expect(banner).toContainText('goes to 2 terminals: rspec 1/3, rspec 2/3');
    await page.screenshot({ path: 'reports/screens/broadcast.png' });
    await pane(page, a.sessionId).locator('.terminal-slot').click();
    await page.keyboard.type('echo "id=$CI_JOB_ID"');
    await page.keyboard.press('Enter');

    await expect
      .poll(() => bufferText(page, a.sessionId))
      .toMatch(new RegExp(`^id=${a.job.id}$`, 'm'));
    await expect
      .poll(() => bufferText(page, b.sessionId))
      .toMatch(new RegExp(`^id=${b.job.id}$`, 'm'));
    // The third tab's shell never got the line: no echo of the command, no output.
    await pane(page, a.sessionId).locator('.terminal-slot').click();
    await page.keyboard.type('echo "after=$CI_JOB_ID"');
    await page.keyboard.press('Enter');
    await expect.poll(() => bufferText(page, b.sessionId)).toContain(`after=${b.job.id}`);
    expect(await bufferText(page, c.sessionId)).not.toContain('CI_JOB_ID');

    // Stop with the one shortcut: the tabs lose the mark, typing reaches one shell again.
    await page.keyboard.press('Control+Shift+B');
    await expect(tab(page, a.sessionId)).not.toHaveClass(/broadcast-target/);
    await expect(banner).toBeHidden();
  });

  test('an ended target is skipped and shown as skipped', async ({ page, gitlab, jobshell }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const a = await openShell(page, gitlab, jobshell, 'matrix: alpine');
    const b = await openShell(page, gitlab, jobshell, 'matrix: debian');
    await jobshell.app.core.request('broadcast.set', { sessionIds: [a.sessionId, b.sessionId] });
    gitlab.cancelJob(b.job.id);
    await expect(tab(page, b.sessionId)).toHaveClass(/broadcast-skipped/);
    await tab(page, a.sessionId).click();
    await expect(pane(page, a.sessionId).getByTestId('broadcast-banner')).toContainText(
      'Skipped: matrix: debian (ended)',
    );
  });

  test('the Broadcast menu by keyboard: Escape gives focus back, arrow keys reach "All open tabs", Enter marks both tabs', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const a = await openShell(page, gitlab, jobshell, 'lint: ruby');
    const b = await openShell(page, gitlab, jobshell, 'lint: js');
    await tab(page, a.sessionId).click();
    const button = pane(page, a.sessionId).getByRole('button', { name: 'Broadcast', exact: true });
    const menu = pane(page, a.sessionId).getByRole('menu', { name: 'Broadcast', exact: true });
    await button.click();
    await expect(menu.getByRole('menuitem', { name: 'Add this tab' })).toBeFocused();
    await expect(menu.getByRole('menuitem', { name: 'Stop broadcasting' })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();

    await button.click();
    // Up from the first item wraps to the last one that can be chosen ("Stop" is disabled).
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: /^All open tabs/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
    await expect(tab(page, a.sessionId)).toHaveClass(/broadcast-target/);
    await expect(tab(page, b.sessionId)).toHaveClass(/broadcast-target/);
  });
});

test.describe('attach history', () => {
  /** A session_timeout no step of the test comes near: the timeout is run out on demand. */
  const SESSION_TIMEOUT_S = 600;
  test.use({ gitlabOptions: { sessionTimeoutS: SESSION_TIMEOUT_S } });

  test('History shows the right outcomes after release, timeout and cancel', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const released = await openShell(page, gitlab, jobshell, 'deploy:review');
    const timedOut = await openShell(page, gitlab, jobshell, 'e2e:chrome');
    const canceled = await openShell(page, gitlab, jobshell, 'lint');

    // Both scripts end; the tabs say the jobs are held once the core's next log poll ran.
    for (const { job } of [released, timedOut]) await endScriptIntoHold(gitlab, job.id);
    await skipUntil(jobshell.clock, async (timeout) => {
      for (const { sessionId } of [released, timedOut]) {
        await expect(tab(page, sessionId).locator('.status-badge')).toHaveAttribute(
          'data-state',
          'held',
          { timeout },
        );
      }
    });
    // Released: the user releases the job from its tab.
    await tab(page, released.sessionId).click();
    await pane(page, released.sessionId).getByRole('button', { name: 'Release job' }).click();
    // Timed out: nobody acts until the runner's session_timeout ends the hold.
    const timeout = jobPassed(gitlab, timedOut.job.id);
    gitlab.timeOutHold(timedOut.job.id);
    await timeout;
    // Canceled while the shell is open.
    gitlab.cancelJob(canceled.job.id);

    await page.getByRole('button', { name: 'History' }).click();
    const view = page.getByRole('region', { name: 'Attach history' });
    const row = (name: string) => view.locator('tbody tr', { hasText: name });
    await expect(row('deploy:review')).toHaveAttribute('data-outcome', 'released');
    await expect(row('e2e:chrome')).toHaveAttribute('data-outcome', 'hold-timed-out');
    await expect(row('lint')).toHaveAttribute('data-outcome', 'job-canceled');
    await expect(row('deploy:review')).toContainText('by you');
    await expect(view.getByTestId('released-you')).toContainText('1');
    await expect(view.getByTestId('timed-out')).toContainText('1');
    // The timed-out job was held for the whole session_timeout, the released one only until release.
    await expect(row('e2e:chrome')).toHaveAttribute('data-held-seconds', String(SESSION_TIMEOUT_S));
    expect(Number(await row('deploy:review').getAttribute('data-held-seconds'))).toBeLessThan(
      SESSION_TIMEOUT_S,
    );

    await view.getByLabel('Outcome').selectOption('hold-timed-out');
    await expect(view.locator('tbody tr')).toHaveCount(1);
  });
});
