/**
 * `jobshell://open?url=<job URL>` links (from the command line, a second instance or the OS)
 * open that job's terminal; core/jobs/launch-url.ts decides what is a launch URL.
 */
import { dialog } from 'electron';
import { findLaunchUrl, type AppCore } from '../core';

/** Opens the job named by a launch URL in `argv`, if any, after showing the window. */
export function launchUrlOpener(
  core: Pick<AppCore, 'request'>,
  showWindow: () => void,
): (argv: readonly string[]) => void {
  return (argv) => {
    const url = findLaunchUrl(argv);
    if (url === null) return;
    showWindow();
    core.request('terminal.open', { target: { kind: 'url', url } }).catch((error: unknown) => {
      void dialog.showMessageBox({
        type: 'warning',
        message: 'Could not open that job',
        detail: String(error),
      });
    });
  };
}
