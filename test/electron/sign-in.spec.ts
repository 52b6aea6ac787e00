import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../gitlab-double';
import { desktopBackends, launchDesktop, type Backend, type DesktopApp } from './desktop';
import { startWebSignIn } from './desktop-flow';

interface Running {
  readonly app: DesktopApp;
  readonly window: Page;
  readonly gitlab: GitlabDouble;
  close(): Promise<void>;
}

/** The desktop app on a fresh profile, and a GitLab double (relative root) to sign in to. */
async function launch(backend: Backend): Promise<Running> {
  const gitlab = await startGitlabDouble({ root: '/gitlab' });
  const profile = await mkdtemp(join(tmpdir(), 'jobshell-electron-'));
  const app = await launchDesktop(backend, { args: [`--user-data-dir=${profile}`] });
  const window = await app.firstWindow();
  return {
    app,
    window,
    gitlab,
    close: async () => {
      await app.close();
      await gitlab.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

for (const backend of desktopBackends()) {
  test.describe(`Electron sign-in window (${backend})`, () => {
    test('signs in on GitLab’s own page, reads the session from its partition, and closes', async () => {
      const running = await launch(backend);
      try {
        const signIn = await startWebSignIn(running, running.gitlab);
        // The GitLab page runs with no Node and no preload bridge.
        const exposed = await signIn.evaluate(() => ({
          require: typeof (globalThis as { require?: unknown }).require,
          process: typeof (globalThis as { process?: unknown }).process,
          bridge: typeof (globalThis as { jobshell?: unknown }).jobshell,
        }));
        expect(exposed).toEqual({
          require: 'undefined',
          process: 'undefined',
          bridge: 'undefined',
        });
        // window.open is denied: no new window appears.
        const opened = await signIn.evaluate(() => {
          const page = globalThis as unknown as { open: (url: string) => unknown };
          return page.open('https://example.com/') === null;
        });
        expect(opened).toBe(true);
        const alice = seedUser(running.gitlab, 'alice');
        await signIn.locator('#user_login').fill(alice.username);
        await signIn.locator('#user_password').fill(alice.password);
        const closed = signIn.waitForEvent('close');
        await signIn.getByRole('button', { name: 'Sign in' }).click();
        await closed;
        const row = running.window.getByRole('listitem', { name: /@alice/ });
        await expect(row).toContainText('Signed in');
      } finally {
        await running.close();
      }
    });

    test('closing the sign-in window cancels, and nothing is added', async () => {
      const running = await launch(backend);
      try {
        const signIn = await startWebSignIn(running, running.gitlab);
        await signIn.close();
        const dialog = running.window.getByRole('dialog', { name: 'Add GitLab account' });
        await expect(dialog.getByRole('alert')).toHaveText('Sign-in was cancelled.');
        await expect(
          running.window.getByRole('heading', { name: 'No GitLab account yet' }),
        ).toBeAttached();
      } finally {
        await running.close();
      }
    });
  });
}
