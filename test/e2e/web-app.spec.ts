/**
 * Browser mode as a web app (issue 16): its own keymap (never the browser's keys), links opened
 * by the page itself, held-open alerts as Web Notifications, title and favicon as a badge, and a
 * job list that fits a 1280×800 window.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { endScriptIntoHold, type GitlabDouble } from '../gitlab-double';
import { expect, test, type Jobshell } from './support/fixtures';
import { skipUntil } from './support/skip-polls';
import { openShellTab, pane, tab } from './support/terminals';

/** The smallest idle threshold the settings allow: a real user's pause. */
const IDLE_THRESHOLD_S = 10;

test.use({ viewport: { width: 1280, height: 800 } });

function sidebar(page: Page) {
  return page.getByRole('complementary', { name: 'Running jobs' });
}

test.describe('browser keymap', () => {
  test('Alt chords switch, search and close; the desktop Ctrl shortcuts are never bound', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    // What the empty state shows comes from the browser keymap.
    const keys = page.locator('.terminal-empty-keys');
    await expect(keys).toContainText('Alt+]');
    await expect(keys).toContainText('Alt+Shift+W');
    await expect(keys).not.toContainText('Ctrl');

    const a = await openShellTab(page, gitlab, jobshell, 'alpha');
    const b = await openShellTab(page, gitlab, jobshell, 'beta');
    await expect(tab(page, a.sessionId)).toHaveAttribute('title', /Alt\+1 to switch here/);
    await pane(page, b.sessionId).locator('.terminal-slot').click();

    // The desktop shortcuts pass through untouched (the browser owns them).
    for (const chord of ['Control+1', 'Control+Tab', 'Control+Shift+W', 'Control+Shift+F']) {
      await page.evaluate(WATCH_NEXT_KEYDOWN);
      await page.keyboard.press(chord);
      await expect.poll(() => page.evaluate('window.__keydownPrevented'), chord).toBe(false);
    }
    await expect(tab(page, b.sessionId)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab')).toHaveCount(2);

    await page.keyboard.press('Alt+1');
    await expect(tab(page, a.sessionId)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+BracketRight');
    await expect(tab(page, b.sessionId)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+BracketLeft');
    await expect(tab(page, a.sessionId)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+Shift+F');
    await expect(
      pane(page, a.sessionId).getByRole('searchbox', { name: 'Find in scrollback' }),
    ).toBeFocused();
    await page.keyboard.press('Escape');
    await pane(page, a.sessionId).locator('.terminal-slot').click();
    await page.keyboard.press('Alt+Shift+W');
    // The shell is live: closing it asks first (its state is lost for good).
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close terminal' }).click();
    await expect(tab(page, a.sessionId)).toHaveCount(0);
    await expect(tab(page, b.sessionId)).toHaveAttribute('aria-selected', 'true');
  });

  test('F1 and ? open the shortcuts sheet with the browser keys', async ({ page, jobshell }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    await page.keyboard.press('F1');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet.locator('table')).toContainText('Alt+Shift+W');
    await expect(sheet.locator('table')).not.toContainText('Ctrl+Tab');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await sidebar(page).getByRole('listitem').first().focus();
    await page.keyboard.press('Shift+Slash');
    await expect(sheet).toBeVisible();
  });
});

test.describe('links', () => {
  test('open in a new browser tab from the page, never through the core', async ({
    page,
    context,
    gitlab,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    // The browser has no GitLab session: answer the job pages here instead of GitLab's sign-in.
    await context.route(/\/-\/jobs\/\d+$/, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>job page</title>' }),
    );
    const { job, sessionId } = await openShellTab(page, gitlab, jobshell, 'linked');
    const link = pane(page, sessionId).getByRole('link', { name: 'Open job in GitLab' });
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    const fromToolbar = context.waitForEvent('page');
    await link.click();
    await expect.poll(async () => (await fromToolbar).url()).toBe(job.web_url);

    const rspec = gitlab.info.jobs.find((j) => j.name === 'rspec');
    const row = sidebar(page).getByRole('listitem', { name: 'rspec in acme/platform/api' });
    await row.hover();
    const fromMenu = context.waitForEvent('page');
    await row.getByRole('button', { name: 'More actions for rspec' }).click();
    await row.getByRole('menuitem', { name: 'Open job in GitLab' }).click();
    const opened = await fromMenu;
    await expect.poll(() => opened.url()).toBe(rspec?.web_url);
    // The new tab cannot reach back into Jobshell.
    expect(await opened.evaluate('window.opener')).toBeNull();
    expect(jobshell.opened).toEqual([]);
  });

  test('a blocked new tab is said, not swallowed', async ({ page, jobshell }) => {
    // What a pop-up blocker does to window.open.
    await page.addInitScript({ content: 'window.open = () => null;' });
    await jobshell.signIn();
    await jobshell.open(page);
    const row = sidebar(page).getByRole('listitem', { name: 'rspec in acme/platform/api' });
    await row.hover();
    await row.getByRole('button', { name: 'More actions for rspec' }).click();
    await row.getByRole('menuitem', { name: 'View log' }).click();
    await expect(sidebar(page).getByRole('alert')).toContainText(
      'Your browser blocked the new tab. Allow pop-ups for this page',
    );
  });
});

/**
 * Records every page notification the app shows (headless Chromium shows none we could see).
 * A string: the page's DOM types are not in this (Node) test's typecheck.
 */
const NOTIFICATION_SPY = `
  const Real = window.Notification;
  const shown = [];
  class Spy extends Real {
    constructor(title, options) {
      super(title, options);
      this.record = { title, body: (options && options.body) || '', closed: false };
      shown.push(this.record);
    }
    close() {
      this.record.closed = true;
      super.close();
    }
  }
  Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
  Object.defineProperty(Spy, 'requestPermission', { value: (...a) => Real.requestPermission(...a) });
  window.Notification = Spy;
  window.__notifications = shown;
`;

/**
 * Records, once every listener has run, whether the next keydown's default action was prevented
 * (in `window.__keydownPrevented`; null until then). Capture phase, so nothing can hide it.
 */
const WATCH_NEXT_KEYDOWN = `
  window.__keydownPrevented = null;
  window.addEventListener('keydown', (e) => {
    setTimeout(() => { window.__keydownPrevented = e.defaultPrevented; });
  }, { once: true, capture: true });
`;

/** Whether an element's text fits its box (no ellipsis, nothing cut off). */
function fitsItsBox(element: unknown): boolean {
  const box = element as { readonly scrollWidth: number; readonly clientWidth: number };
  return box.scrollWidth <= box.clientWidth;
}

async function spyOnNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: NOTIFICATION_SPY });
}

function shownNotifications(
  page: Page,
): Promise<readonly { title: string; body: string; closed: boolean }[]> {
  return page.evaluate('window.__notifications');
}

async function holdJob(page: Page, gitlab: GitlabDouble, jobshell: Jobshell, name: string) {
  await jobshell.signIn();
  await jobshell.app.core.request('settings.update', { idleThresholdS: IDLE_THRESHOLD_S });
  await jobshell.open(page);
  const { job } = await openShellTab(page, gitlab, jobshell, name);
  await endScriptIntoHold(gitlab, job.id);
  const toast = page.locator('.toast', { hasText: `${name} is held open by your terminal` });
  // The core sees the hold at its next log poll and alerts once the terminal is idle: skip to it.
  await skipUntil(jobshell.clock, (timeout) => expect(toast).toBeVisible({ timeout }));
  return toast;
}

test.describe('held-open alerts as web notifications', () => {
  test.describe('permission granted', () => {
    test.use({ permissions: ['notifications'] });

    test('the alert is a page notification (and the toast stays); title and favicon count it', async ({
      page,
      context,
      gitlab,
      jobshell,
    }) => {
      await spyOnNotifications(context);
      const toast = await holdJob(page, gitlab, jobshell, 'notified');
      await expect(page).toHaveTitle(/^\(1 held · \d+:\d\d\) Jobshell$/);
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute(
        'href',
        /^data:image\/svg\+xml,/,
      );
      await expect(toast).toBeVisible();
      await expect
        .poll(() => shownNotifications(page))
        .toEqual([
          expect.objectContaining({
            title: 'notified is held open by your terminal',
            body: expect.stringMatching(/\d+:\d\d left/),
          }),
        ]);
      await toast.getByRole('button', { name: 'Release' }).click();
      // The hold ended: the page notification is withdrawn too, like the desktop's OS one.
      await expect
        .poll(() => shownNotifications(page))
        .toEqual([expect.objectContaining({ closed: true })]);
      await expect(page).toHaveTitle('Jobshell');
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');
    });
  });

  test.describe('permission not given', () => {
    test('the in-app toast alone carries the alert, and settings say why', async ({
      page,
      context,
      gitlab,
      jobshell,
    }) => {
      await spyOnNotifications(context);
      const toast = await holdJob(page, gitlab, jobshell, 'quiet');
      await expect(toast).toBeVisible();
      expect(await shownNotifications(page)).toEqual([]);
      // Headless Chromium answers the first-need request with "denied".
      await expect.poll(() => page.evaluate('Notification.permission')).toBe('denied');
      await page.getByRole('button', { name: 'Settings' }).click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await expect(settings).toContainText('The browser blocks notifications from this page');
      await expect(settings).toContainText('Browser notifications when a job is held open');
      await expect(settings).not.toContainText('Start at login');
    });
  });
});

test.describe('a job list that fits', () => {
  test('at least 8 jobs are visible at 1280×800 with one account', async ({
    page,
    gitlab,
    jobshell,
  }) => {
    for (let n = 1; n <= 6; n += 1) gitlab.createJob({ user: 'alice', name: `extra-${n}` });
    await jobshell.signIn();
    await jobshell.open(page);
    const rows = sidebar(page).locator('li.job-row');
    await expect(sidebar(page).getByRole('listitem', { name: /^extra-6 in / })).toBeAttached();
    const box = await sidebar(page).boundingBox();
    if (box === null) throw new Error('no sidebar');
    const bottoms = await Promise.all(
      (await rows.all()).map(async (row) => {
        const rowBox = await row.boundingBox();
        return rowBox === null ? Infinity : rowBox.y + rowBox.height;
      }),
    );
    // Whole rows above the window's bottom edge, without scrolling.
    const above = bottoms.filter((bottom) => bottom <= box.y + box.height);
    expect(above.length).toBeGreaterThanOrEqual(8);
  });

  test('type-to-filter from a row, and a selected row shows its whole reason', async ({
    page,
    jobshell,
  }) => {
    await jobshell.signIn();
    await jobshell.open(page);
    const first = sidebar(page).getByRole('listitem', { name: 'rspec in acme/platform/api' });
    await first.focus();
    await page.keyboard.type('gpu');
    const filter = sidebar(page).getByRole('searchbox', { name: 'Filter jobs' });
    await expect(filter).toHaveValue('gpu');
    await expect(filter).toBeFocused();
    await filter.press('ArrowDown');
    const pending = sidebar(page).getByRole('listitem', { name: 'build:gpu in acme/platform/api' });
    await expect(pending).toBeFocused();
    const reason = pending.locator('.job-terminal-reason');
    // Not cut off: the text fits its box (no ellipsis) once the row is selected.
    await expect.poll(() => reason.evaluate(fitsItsBox)).toBe(true);
    await expect(reason).toHaveAttribute('title', /^Waiting for a runner/);
  });
});
