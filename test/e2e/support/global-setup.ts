import { electronBinary } from '../../electron/support';
import { missingPrerequisite } from './chromium';

/** Fails fast, saying exactly what is missing, instead of 40 tests timing out one by one. */
export default function globalSetup(): void {
  const missing = missingPrerequisite();
  if (missing !== null) throw new Error(missing);
  const electron = electronBinary();
  // The desktop tests always run through the Electron stand-in; say once whether real Electron
  // is a second back-end here.
  if ('missing' in electron)
    console.log(
      `The desktop tests (test/electron) run through the Electron stand-in only: ${electron.missing}`,
    );
}
