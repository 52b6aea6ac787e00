/**
 * Entry of the `jobshell` command (bundled to out/main/cli.js; bin/jobshell.js runs it). Exits
 * explicitly once stdout and stderr are flushed: a paused stdin or a closing socket must not keep
 * the process alive after the session ended.
 */
import { runCli } from './main';

/** Exits with `code` once everything written so far has left the process. */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => {
    process.stderr.write('', () => {
      process.exit(code);
    });
  });
}

// No top-level await: the bundle format (ESM or CommonJS) is the build's choice, not this file's.
void runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  onSignal: (signal, handler) => {
    process.on(signal, handler);
    return () => {
      process.off(signal, handler);
    };
  },
}).then(exitWhenFlushed);
