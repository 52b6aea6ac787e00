import { spawn, type IPty } from 'node-pty';
import { PTY_COLS, PTY_ROWS } from '../core/constants';

export interface ShellSpec {
  readonly jobId: number;
  readonly projectPath: string;
  readonly projectId: number;
  readonly ref: string;
  readonly cwd: string;
}

/**
 * The job's build shell in a fresh PTY, as the shell executor's TerminalConnect does. The
 * environment is built from scratch so nothing of the test process leaks into the "job".
 * `encoding: null` gives raw Buffers: decoding here would repair split UTF-8 characters.
 */
export function spawnShell(spec: ShellSpec): IPty {
  return spawn('bash', ['--norc', '--noprofile'], {
    name: 'xterm-256color',
    cols: PTY_COLS,
    rows: PTY_ROWS,
    cwd: spec.cwd,
    encoding: null,
    env: {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: spec.cwd,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      PS1: `job-${spec.jobId}$ `,
      CI: 'true',
      GITLAB_CI: 'true',
      CI_JOB_ID: String(spec.jobId),
      CI_PROJECT_ID: String(spec.projectId),
      CI_PROJECT_PATH: spec.projectPath,
      CI_COMMIT_REF_NAME: spec.ref,
      CI_PROJECT_DIR: spec.cwd,
    },
  });
}
