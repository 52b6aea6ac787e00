/**
 * What the e2e specs do with terminal tabs again and again: find a tab and its pane, open a job's
 * terminal the way the job list does, read what xterm holds.
 */
import { expect, type Page } from '@playwright/test';
import { waitForEvent, type GitlabDouble, type JobInfo } from '../../gitlab-double';
import type { Jobshell } from './fixtures';

export function tab(page: Page, sessionId: string) {
  return page.locator(`[role="tab"][id="tab-${sessionId}"]`);
}

export function pane(page: Page, sessionId: string) {
  return page.locator(`[role="tabpanel"][id="pane-${sessionId}"]`);
}

/** The browser-mode test hook (src/renderer/terminal/xterm/test-hook.ts), as seen from the test. */
interface TestWindow {
  readonly __jobshellTest?: { bufferText(sessionId: string): string | null };
}

/** Everything the session's xterm holds (scrollback and screen), as text. */
export function bufferText(page: Page, sessionId: string): Promise<string> {
  return page.evaluate(
    (id) => (globalThis as TestWindow).__jobshellTest?.bufferText(id) ?? '',
    sessionId,
  );
}

/** Opens a job's terminal the way the job list's "Open terminal" does: one bridge request. */
export async function openTerminal(jobshell: Jobshell, job: JobInfo): Promise<string> {
  const { sessionId } = await jobshell.app.core.request('terminal.open', {
    target: { kind: 'url', url: job.web_url },
  });
  return sessionId;
}

/**
 * A new shell job of alice's and its terminal tab, ready to type into: the double's runner has the
 * connection, the tab says open and the shell's prompt shows.
 */
export async function openShellTab(
  page: Page,
  gitlab: GitlabDouble,
  jobshell: Jobshell,
  name: string,
): Promise<{ job: JobInfo; sessionId: string }> {
  const job = gitlab.createJob({ user: 'alice', name, mode: 'shell' });
  const connected = waitForEvent(gitlab, 'terminal-connected', (e) => e.jobId === job.id);
  const sessionId = await openTerminal(jobshell, job);
  await connected;
  await expect(tab(page, sessionId).locator('.status-badge')).toHaveAttribute('data-state', 'open');
  await expect.poll(() => bufferText(page, sessionId)).toContain(`job-${job.id}$`);
  return { job, sessionId };
}
