/**
 * `npm run web`: Jobshell in your browser. Prints the address to open (it carries the per-run
 * access token) and serves until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../../package.json';
import { startBrowserMode } from './browser-mode';
import { openWebLog, WEB_LOG_ENV } from './web-log';

const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--open]
  --port N        port on 127.0.0.1 (default: a free one)
  --data-dir DIR  where accounts, settings and the log are kept (default: ~/.config/jobshell-web)
  --open          open the address in your default browser
JOBSHELL_LOG=debug|info|warn|error writes the JSON log to stderr instead of DIR/jobshell-web.log.`;

/** Opens a URL with the desktop's handler; detached so Jobshell does not wait for the browser. */
function openWithDesktop(url: string): Promise<void> {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { detached: true, stdio: 'ignore' })
    .on('error', () => undefined)
    .unref();
  return Promise.resolve();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `--port must be a whole number from 0 to 65535, not ${values.port ?? ''}\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  const dataDir =
    values['data-dir'] ??
    process.env.JOBSHELL_DATA_DIR ??
    join(homedir(), '.config', 'jobshell-web');
  const log = openWebLog(dataDir, process.env[WEB_LOG_ENV]);
  const logger = log.logger;
  const app = await startBrowserMode({
    dataDir,
    port,
    rendererDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
    version,
    logger,
    openExternal: openWithDesktop,
  });
  console.log(
    `Jobshell (browser mode) is running. Open this address (it carries your access token):`,
  );
  console.log(app.server.url);
  console.log(log.where);
  if (values.open === true) await openWithDesktop(app.server.url);
  const stop = (): void => {
    void app.close().then(() => {
      log.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
