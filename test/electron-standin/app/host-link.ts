/** The app's end of the link to the stand-in host (the test), over the fork IPC channel. */
import { createLink, type Link } from '../link';
import type { ToApp, ToHost, Wire } from '../protocol';

let link: Link<ToHost, ToApp> | null = null;

/** The link; throws when this process was not started by the stand-in host. */
export function hostLink(): Link<ToHost, ToApp> {
  if (link !== null) return link;
  const send = hasHost() ? process.send?.bind(process) : undefined;
  if (send === undefined) {
    throw new Error(
      'Electron stand-in: this process was not started by the stand-in host (test/electron-standin/host), so it has no Chromium to show windows in.',
    );
  }
  link = createLink<ToHost, ToApp>(
    {
      send: (message) => {
        if (process.connected) send(message);
      },
      onMessage: (listener) => {
        process.on('message', (message) => {
          listener(message as Wire);
        });
      },
    },
    (error) => {
      process.stderr.write(`electron stand-in: ${String(error)}\n`);
    },
  );
  // The channel stays referenced: like Electron, the app lives until it quits (app.quit/exit).
  return link;
}

/**
 * True when the stand-in host started this process (it sets the variable and the IPC channel).
 * A process forked by something else (a test runner's worker) has a channel that is not ours.
 */
export function hasHost(): boolean {
  return process.env.ELECTRON_STANDIN_HOST === '1' && process.send !== undefined;
}
