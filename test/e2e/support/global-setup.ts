import { electronBinary } from '../../electron/support';
import { missingPrerequisite } from './chromium';

/** Fails fast, saying exactly what is missing, instead of 40 tests timing out one by one. */
export default function globalSetup(): void {
  const missing = missingPrerequisite();
  if (missing !== null) throw new Error(missing);
  const electron = electronBinary();
  // The _electron tests skip where no binary exists; say why once, where everyone reads it.
  if ('missing' in electron)
    console.log(`The Electron tests (test/electron) are skipped: ${electron.missing}`);
}
