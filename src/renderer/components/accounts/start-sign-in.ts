/**
 * Opens an account's "Sign in again" dialog from anywhere (a tab's banner, the job list): it lives
 * in the accounts panel, so this presses that button rather than keeping a second dialog.
 */
export function startSignIn(accountId: string): void {
  const button = document.querySelector<HTMLButtonElement>(
    `[data-account-id="${CSS.escape(accountId)}"] [data-action="sign-in"]`,
  );
  button?.scrollIntoView({ block: 'nearest' });
  button?.click();
}
