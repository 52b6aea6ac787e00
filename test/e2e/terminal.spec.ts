/**
 * Terminal tabs end to end (issue 6): the real renderer bundle in Chromium, the real core in
 * browser mode, real shells behind the GitLab double. Tests type like a user and read what xterm
 * holds through the browser-mode test hook (which also covers tabs that are not in front).
 */
import WebSocket from 'ws';
import type { Page } from '@playwright/test';
import { seedUser, waitForEvent, type GitlabDouble, type JobInfo } from '../gitlab-double';
import { expect, test } from './support/fixtures';
import { skipUntil } from './support/skip-polls';
import { bufferText, openTerminal, pane, tab } from './support/terminals';

async function expectBuffer(
  page: Page,
  sessionId: string,
  pattern: RegExp | string,
): Promise<void> {
  await expect
    .poll(() => bufferText(page, sessionId), {
      message: `terminal ${sessionId} shows ${String(pattern)}`,
    })
    .toMatch(pattern);
}

/** Brings the tab to the front, waits for its shell prompt, and types a line into it. */
async function typeLine(page: Page, sessionId: string, jobId: number, line: string): Promise<void> {
  await tab(page, sessionId).click();
  await expect(tab(page, sessionId).locator('.status-badge')).toHaveAttribute(
    'data-state',
    /open|held/,
  );
  await expectBuffer(page, sessionId, `job-${jobId}$`);
  await pane(page, sessionId).locator('.terminal-slot').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

function createJob(gitlab: GitlabDouble, name: string): JobInfo {
  return gitlab.createJob({ user: 'alice', name, mode: 'shell' });
}

test.describe('terminal tabs', () => {
  test('two jobs at once: typed commands run in the right tab only', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    await expect(page.getByRole('tablist', { name: 'Terminals' })).toContainText(
      'No terminals open',
    );
    const first = createJob(gitlab, 'build:linux');
    const second = createJob(gitlab, 'test:unit');
    const [a, b] = await Promise.all([
      openTerminal(jobshell, first),
      openTerminal(jobshell, second),
    ]);
    await expect(page.getByRole('tab')).toHaveCount(2);
    await expect(tab(page, a)).toContainText('build:linux');
    await expect(tab(page, b)).toContainText('test:unit');

    await typeLine(page, a, first.id, 'echo first-$((40+2))');
    await expectBuffer(page, a, /^first-42$/m);
    await typeLine(page, b, second.id, 'echo second-$((50+5))');
    await expectBuffer(page, b, /^second-55$/m);
    expect(await bufferText(page, a)).not.toContain('second-');
    expect(await bufferText(page, b)).not.toContain('first-');

    // The tab not in front is display:none but keeps its xterm and scrollback.
    await expect(pane(page, a)).toBeHidden();
    await tab(page, a).click();
    await expect(pane(page, a).locator('.xterm-rows')).toContainText('first-42');
    // Browser mode: a real link (opens in a new browser tab), not a request to the core.
    await expect(pane(page, a).getByRole('link', { name: 'Open job in GitLab' })).toBeVisible();
  });

  test('tab keys, drag to reorder, search, sync size and transcript', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const first = createJob(gitlab, 'alpha');
    const second = createJob(gitlab, 'beta');
    const a = await openTerminal(jobshell, first);
    const b = await openTerminal(jobshell, second);
    await typeLine(page, a, first.id, 'echo needle-$((1+1)) && echo needle-$((1+2))');
    await expectBuffer(page, a, /^needle-3$/m);

    // Browser mode's shortcuts while focus is in a terminal: Alt+2 / Alt+1 select, Alt+Shift+F
    // searches (the desktop app's Ctrl forms belong to the browser here; see web-app.spec.ts).
    await page.keyboard.press('Alt+2');
    await expect(tab(page, b)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+1');
    await expect(tab(page, a)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+Shift+F');
    const search = pane(page, a).getByRole('searchbox', { name: 'Find in scrollback' });
    await expect(search).toBeFocused();
    await search.fill('needle-');
    await expect(pane(page, a).locator('.search-count')).toHaveText(/^\d+ of [2-9]\d*$/);
    await search.press('Escape');
    await expect(search).toBeHidden();

    // Sync size types `stty` with the fitted size into this job's shell only.
    await pane(page, a).getByRole('button', { name: 'Sync size', exact: true }).click();
    await expectBuffer(page, a, /stty cols \d+ rows \d+/);
    await pane(page, a).locator('.terminal-slot').click();
    await page.keyboard.type('stty size');
    await page.keyboard.press('Enter');
    await expectBuffer(page, a, /^\d+ \d+$/m);
    expect(await bufferText(page, b)).not.toContain('stty');

    const download = page.waitForEvent('download');
    await pane(page, a).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('menuitem', { name: /Plain text/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.txt$/);

    await tab(page, b).dragTo(tab(page, a), { targetPosition: { x: 4, y: 10 } });
    await expect(page.getByRole('tab').first()).toHaveAttribute('id', `tab-${b}`);
  });

  test('a multi-line paste is confirmed first, then typed into the shell', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const job = createJob(gitlab, 'paste');
    const id = await openTerminal(jobshell, job);
    await typeLine(page, id, job.id, 'echo ready');
    await expectBuffer(page, id, /^ready$/m);
    const text =
      Array.from({ length: 7 }, (_, i) => `echo pasted-${i}-$((${i}*10))`).join('\n') + '\n';
    // What a real paste delivers: a paste event with the clipboard's text on xterm's textarea.
    // Source text, not a function: it runs in the page (with DOM types), and Node has none.
    await page.evaluate(`(() => {
      const textarea = document.querySelector(${JSON.stringify(`[id="pane-${id}"] textarea`)});
      const clipboard = new DataTransfer();
      clipboard.setData('text/plain', ${JSON.stringify(text)});
      textarea.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
      );
    })()`);
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Paste 7 lines into paste?');
    await expect(dialog.locator('.confirm-preview')).toContainText('echo pasted-0-$((0*10))');
    await dialog.getByRole('button', { name: 'Paste' }).click();
    // bash asked for bracketed paste: the lines wait on the command line until Enter.
    await expectBuffer(page, id, /^echo pasted-6-\$\(\(6\*10\)\)$/m);
    await page.keyboard.press('Enter');
    await expectBuffer(page, id, /^pasted-0-0$/m);
    await expectBuffer(page, id, /^pasted-6-60$/m);
  });

  test('links open only as http(s), after showing the real URL; titles are plain text', async ({
    page,
    context,
    gitlab,
    jobshell,
  }) => {
    // No network here: the opened tab gets its page from the test.
    await context.route('https://example.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>docs</title>' }),
    );
    await jobshell.signIn();
    await jobshell.open(page);
    const job = createJob(gitlab, 'links');
    const id = await openTerminal(jobshell, job);
    await typeLine(
      page,
      id,
      job.id,
      "clear; printf '\\e]0;<b>bold</b>\\a\\e]8;;javascript:alert(1)\\e\\\\EVIL-LINK\\e]8;;\\e\\\\\\nsee https://example.com/docs?q=1 ok\\n'",
    );
    await expectBuffer(page, id, /^see https:\/\/example\.com\/docs\?q=1 ok$/m);
    await expect(pane(page, id).locator('.session-title')).toHaveText('<b>bold</b>');

    const size = /(\d+)×\d+/.exec(
      (await pane(page, id).locator('.status-line').textContent()) ?? '',
    );
    const screen = await pane(page, id).locator('.xterm-screen').boundingBox();
    if (size === null || screen === null) throw new Error('the terminal is not laid out');
    const cell = screen.width / Number(size[1]);
    const clickAt = async (rowText: string, column: number): Promise<void> => {
      const row = await pane(page, id)
        .locator('.xterm-rows > div')
        .filter({ hasText: rowText })
        .last()
        .boundingBox();
      if (row === null) throw new Error(`no row shows ${rowText}`);
      const x = screen.x + cell * (column + 0.5);
      const y = row.y + row.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.click(x, y);
    };
    // The javascript: OSC 8 link is never offered; the https link is, with its full address.
    await clickAt('EVIL-LINK', 2);
    await clickAt('see https://', 10);
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.locator('.confirm-url')).toHaveText('https://example.com/docs?q=1');
    await expect(dialog).toContainText('Host: example.com');
    await page.screenshot({ path: 'reports/screens/terminal-link-confirm.png' });
    // Browser mode opens it in a new browser tab from the page, not through the core.
    const opened = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Open link' }).click();
    await expect.poll(async () => (await opened).url()).toBe('https://example.com/docs?q=1');
    expect(jobshell.opened).toEqual([]);
  });

  test('a 4-byte UTF-8 character split across frames renders whole', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    gitlab.setUtf8Split('always');
    const job = createJob(gitlab, 'unicode');
    const id = await openTerminal(jobshell, job);
    // printf with octal escapes: the typed command echoes ASCII only, the output is U+1F600.
    await typeLine(page, id, job.id, "printf 'split:\\360\\237\\230\\200:ok\\n'");
    await expectBuffer(page, id, /^split:😀:ok$/m);
    expect(await bufferText(page, id)).not.toContain('\ufffd');
  });

  test('`yes` then Ctrl-C gives the prompt back', async ({ page, gitlab, jobshell }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const job = createJob(gitlab, 'flood');
    const id = await openTerminal(jobshell, job);
    await typeLine(page, id, job.id, 'yes');
    await expectBuffer(page, id, /(?:^y\n){20}/m);
    await page.keyboard.press('Control+C');
    await page.keyboard.type('echo back-$((6*7))');
    await page.keyboard.press('Enter');
    await expectBuffer(page, id, /^back-42$/m);
  });

  test('closing a tab during a hold releases the job at once', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const job = createJob(gitlab, 'hold-me');
    const id = await openTerminal(jobshell, job);
    await expect(tab(page, id).locator('.status-badge')).toHaveAttribute('data-state', 'open');
    gitlab.endScript(job.id);
    await skipUntil(jobshell.clock, (timeout) =>
      expect(tab(page, id).locator('.status-badge')).toHaveAttribute('data-state', 'held', {
        timeout,
      }),
    );
    await expect(pane(page, id).locator('.held-banner')).toContainText(
      'Your terminal is keeping the job running',
    );
    await expect(pane(page, id).locator('.held-banner .countdown')).toHaveText(/^\d+:\d\d$/);

    const disconnected = waitForEvent(
      gitlab,
      'log',
      (e) => e.jobId === job.id && e.line.includes('Terminal disconnected'),
      20_000,
    );
    await tab(page, id).getByRole('button', { name: 'Close hold-me' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Closing releases the held job: it finishes at once');
    await dialog.getByRole('button', { name: 'Close and release' }).click();
    await disconnected;
    await expect(page.getByRole('tab')).toHaveCount(0);
    await expect(page.getByRole('tablist', { name: 'Terminals' })).toContainText(
      'No terminals open',
    );
    await expect
      .poll(() => gitlab.jobsAdmin().find((j) => j.id === job.id)?.status)
      .toBe('success');
  });

  test('a job already attached elsewhere says someone else is attached', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const job = createJob(gitlab, 'taken');
    const alice = seedUser(gitlab, 'alice');
    // Another client (say a browser tab) holds the job's only terminal slot.
    const other = new WebSocket(
      `${job.web_url.replace(/^http/, 'ws')}/terminal.ws`,
      ['terminal.gitlab.com'],
      {
        headers: { Cookie: alice.cookie },
      },
    );
    await new Promise<void>((resolve, reject) => {
      other.once('open', () => resolve());
      other.once('error', reject);
    });
    try {
      const id = await openTerminal(jobshell, job);
      await expect(tab(page, id).locator('.status-badge')).toHaveAttribute('data-state', 'closed');
      await expect(pane(page, id).locator('.state-bar')).toContainText(
        /someone.*already attached|someone else.*is attached/i,
      );
      await expect(
        pane(page, id).getByRole('button', { name: 'Reconnect', exact: true }),
      ).toBeVisible();
      await page.screenshot({ path: 'reports/screens/terminal-attached-elsewhere.png' });
    } finally {
      other.close();
    }
  });

  test('removing the account ends its terminals, which say why', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    const account = await jobshell.signIn();
    await jobshell.open(page);
    const job = createJob(gitlab, 'removed-account');
    const id = await openTerminal(jobshell, job);
    await expect(tab(page, id).locator('.status-badge')).toHaveAttribute('data-state', 'open');
    const gone = waitForEvent(gitlab, 'terminal-disconnected', (e) => e.jobId === job.id);

    await jobshell.app.core.request('accounts.remove', { accountId: account.id });
    expect((await gone).reason).toBe('client-close');
    await expect(tab(page, id).locator('.status-badge')).toHaveAttribute('data-state', 'closed');
    await expect(pane(page, id).locator('.state-bar')).toContainText(
      'The account was removed: its terminals were closed.',
    );
  });

  test.describe('dropped connection', () => {
    test.use({
      // Heartbeat in milliseconds instead of tens of seconds; a visible pause before reconnecting.
      terminalOptions: {
        tuning: {
          heartbeatIntervalMs: 200,
          deadAfterMs: 1_000,
          reconnectBaseMs: 2_000,
          reconnectMaxMs: 4_000,
        },
      },
    });

    test('shows why, reconnects into a new shell and keeps the old scrollback', async ({
      page,
      gitlab,
      jobshell,
    }) => {
      await jobshell.signIn();
      await jobshell.open(page);
      const job = createJob(gitlab, 'flaky-network');
      const id = await openTerminal(jobshell, job);
      await typeLine(page, id, job.id, 'echo before-$((1+1))');
      await expectBuffer(page, id, /^before-2$/m);

      gitlab.halfOpen();
      await expect(tab(page, id).locator('.status-badge')).toHaveAttribute(
        'data-state',
        'reconnecting',
      );
      await expect(pane(page, id).locator('.state-bar')).toContainText(/Reconnecting/);
      await expect(tab(page, id).locator('.status-badge')).toHaveAttribute('data-state', 'open', {
        timeout: 20_000,
      });
      await expectBuffer(page, id, /reconnected: new shell/);
      expect(await bufferText(page, id)).toMatch(/^before-2$/m);
      await expect(pane(page, id).locator('.status-line')).toContainText('Shell 2');

      await pane(page, id).locator('.terminal-slot').click();
      await page.keyboard.type('echo after-$((2+2))');
      await page.keyboard.press('Enter');
      await expectBuffer(page, id, /^after-4$/m);
    });
  });

  test('the workspace: tabs, held banner, job log (screenshot)', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    // Wide enough for the job's 80-column shell beside the log pane.
    await page.setViewportSize({ width: 1600, height: 900 });
    await jobshell.signIn();
    await jobshell.open(page);
    const jobs = [
      createJob(gitlab, 'build:linux-amd64'),
      createJob(gitlab, 'test:integration'),
      createJob(gitlab, 'deploy:staging'),
    ];
    const ids: string[] = [];
    for (const job of jobs) ids.push(await openTerminal(jobshell, job));
    const [build, integration, deploy] = ids as [string, string, string];
    const deployJob = jobs[2] as JobInfo;
    // End the script only once our terminal is attached: only then does the runner hold the job.
    await expect(tab(page, deploy).locator('.status-badge')).toHaveAttribute('data-state', 'open');
    gitlab.endScript(deployJob.id);
    await skipUntil(jobshell.clock, (timeout) =>
      expect(tab(page, deploy).locator('.status-badge')).toHaveAttribute('data-state', 'held', {
        timeout,
      }),
    );

    await typeLine(
      page,
      build,
      (jobs[0] as JobInfo).id,
      'ls -l --color=always /usr/share | head -n 9',
    );
    await expectBuffer(
      page,
      build,
      new RegExp(`head -n 9\\n[\\s\\S]+\\njob-${(jobs[0] as JobInfo).id}\\$ ?$`),
    );
    await page.keyboard.type("printf '\\e[1;32m✔ build ok\\e[0m  \\e[33m2 warnings\\e[0m\\n'");
    await page.keyboard.press('Enter');
    await expectBuffer(page, build, /^✔ build ok {2}2 warnings$/m);
    await pane(page, build).getByRole('button', { name: 'Log' }).click();
    await expect(pane(page, build).locator('.log-pane .log-line').first()).toBeVisible();
    await expect(pane(page, build).locator('.log-pane')).not.toContainText('section_start');
    await page.screenshot({ path: 'reports/screens/terminal.png' });

    await tab(page, deploy).click();
    await expect(pane(page, deploy).locator('.held-banner')).toBeVisible();
    await jobshell.app.core.request('settings.update', { theme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: 'reports/screens/terminal-dark.png' });
    // The third tab was never in front, yet its terminal has its prompt (it parses while hidden).
    await expectBuffer(page, integration, `job-${(jobs[1] as JobInfo).id}$`);
  });
});
