/**
 * Copying the terminal's selection. `execCommand('copy')` inside a user gesture fires a native copy
 * event whose data we set ourselves, and needs no clipboard permission (Electron denies permission
 * requests, browser mode may too); the async Clipboard API is the fallback.
 */

export type CopyOutcome = 'copied' | 'empty' | 'denied';

/** Copies `text`; resolves with what happened. */
export async function copyText(text: string): Promise<CopyOutcome> {
  if (text === '') return 'empty';
  if (copyViaCommand(text)) return 'copied';
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'denied';
  }
}

/** True when the native copy event fired and carried `text`. */
function copyViaCommand(text: string): boolean {
  let carried = false;
  const onCopy = (event: ClipboardEvent): void => {
    if (event.clipboardData === null) return;
    // Set the data ourselves: whatever has focus, the clipboard gets exactly the selection.
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    event.stopImmediatePropagation();
    carried = true;
  };
  document.addEventListener('copy', onCopy, true);
  try {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only permission-free copy
    document.execCommand('copy');
  } catch {
    // Some embedders throw instead of returning false; the Clipboard API may still work.
  } finally {
    document.removeEventListener('copy', onCopy, true);
  }
  return carried;
}
