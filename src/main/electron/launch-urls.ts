/**
 * `jobshell://open?url=<job URL>` links (from the command line, a second instance or the OS) open
 * that job's terminal; `jobshell://retry?url=…` retries a finished job with its terminal attached.
 * core/jobs/launch-url.ts decides what is a launch URL.
 */
import { dialog } from 'electron';
import { findLaunchAction, findLaunchUrl, type AppCore } from '../core';

type Core = Pick<AppCore, 'request'>;

/** Opens (or retries) the job named by a launch URL in `argv`, if any, after showing the window. */
export function launchUrlOpener(
  core: Core,
  showWindow: () => void,
): (argv: readonly string[]) => void {
  return (argv) => {
    const action = findLaunchAction(argv);
    if (action?.kind === 'retry') {
      showWindow();
      void retryFromLink(core, action.url);
      return;
    }
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

/** The verdict first, then the user's yes in a dialog that names the job and any caveat (Docker). */
async function retryFromLink(core: Core, url: string): Promise<void> {
  const target = { kind: 'url', url } as const;
  try {
    const verdict = await core.request('retry.check', { target });
    if (verdict.kind === 'refused') throw new Error(verdict.message);
    // A link can come from any web page: re-running a job always needs the user's yes here.
    const caveat = verdict.kind === 'confirm' ? `${verdict.message}${snippetOf(verdict)}` : '';
    const { response } = await dialog.showMessageBox({
      type: 'question',
      buttons: [verdict.kind === 'confirm' ? 'Retry anyway' : 'Retry', 'Cancel'],
      defaultId: 1,
      message: 'Retry this job with a terminal?',
      detail: `${url}${caveat === '' ? '' : `\n\n${caveat}`}`,
    });
    if (response !== 0) return;
    await core.request('retry.start', { target, confirmed: verdict.kind === 'confirm' });
  } catch (error) {
    void dialog.showMessageBox({
      type: 'warning',
      message: 'Could not retry that job',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

function snippetOf(verdict: {
  readonly snippet: { explanation: string; yaml: string } | null;
}): string {
  return verdict.snippet === null
    ? ''
    : `\n\n${verdict.snippet.explanation}\n\n${verdict.snippet.yaml}`;
}
