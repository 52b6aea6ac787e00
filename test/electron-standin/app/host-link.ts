/** The app's end of the link to the stand-in host (the test), over the fork IPC channel. */
import { createLink, type Link } from '../link';
import type { ToApp, ToHost, Wire } from '../protocol';

let link: Link<ToHost, ToApp> | null = null;

/** The link; throws when this process was not started by the stand-in host. */
export function hostLink(): Link<ToHost, ToApp> {
  if (link !== null) return link;
  const send = process.send?.bind(process);
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

/** True when a host is attached (a second instance started without one only hands over). */
export function hasHost(): boolean {
  return process.send !== undefined;
}
