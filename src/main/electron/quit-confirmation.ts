/** Quitting ends every open terminal (and finishes the jobs they hold): ask first. */
import { dialog } from 'electron';
import type { SessionView } from '../../shared/models';

/** True when the user agrees to quit (or no terminal is open). */
export async function confirmQuit(sessions: readonly SessionView[]): Promise<boolean> {
  const open = sessions.filter((s) => s.state.kind !== 'closed').length;
  if (open === 0) return true;
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Quit', 'Cancel'],
    defaultId: 1,
    message: `Quit Jobshell and close ${open} terminal${open === 1 ? '' : 's'}?`,
    detail: 'Closing a terminal ends its shell; a job held open by it finishes at once.',
  });
  return response === 0;
}
