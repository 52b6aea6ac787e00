/**
 * Runs the real `jobshell` CLI (bundled from the source once per run, cli-bundle.ts) as a child process: in a
 * pseudo-terminal like a user's shell, or with pipes like a script. Waits are on output text or
 * exit, never on time; the timeouts only stop a broken test from hanging.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn as spawnPty, type IPty } from 'node-pty';
import { CLI_BUNDLE } from './cli-bundle';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** How long a wait may take before the test fails (start-up, a handshake, a trace poll). */
export const WAIT_MS = 20_000;

/** One throw-away data folder for this test file's runs (the attach history goes there). */
const TEST_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'jobshell-cli-'));

/** The environment of a run: the outer credentials never leak in; `extra` sets the ones wanted. */
export function cliEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITLAB_|JOBSHELL_)/.test(key)) env[key] = value;
  }
  // Every run records its session in the attach history: never into the real user's data folder.
  return { ...env, TERM: 'xterm-256color', JOBSHELL_DATA_DIR: TEST_DATA_DIR, ...extra };
}

/** The `_gitlab_session` value of a `Cookie` header value such as `_gitlab_session=abc`. */
export function sessionValue(cookieHeader: string): string {
  return cookieHeader.slice(cookieHeader.indexOf('=') + 1);
}

export interface Exit {
  readonly exitCode: number;
}

/**
 * Runs the CLI from a shell that prints its pid first (the inner `sh` execs it, keeping the pid)
 * and, once it exited, its exit code and the terminal's modes: `stty -a` shows whether the TTY
 * was left in raw mode.
 */
const WRAPPER =
  'sh -c \'echo "jobshell-pid=$$"; exec "$0" "$@"\' "$@"; echo "jobshell-exit=$?"; stty -a';

export interface PtyOptions {
  /** Run inside WRAPPER, to read the pid and, afterwards, the terminal's modes. */
  readonly wrapped?: boolean;
}

/** The CLI in a pseudo-terminal: stdin, stdout and stderr are one TTY, as in a user's shell. */
export class PtyRun {
  readonly #pty: IPty;
  #output = '';
  readonly #waiters = new Set<() => void>();
  readonly exited: Promise<Exit>;

  constructor(args: readonly string[], env: Record<string, string>, options: PtyOptions = {}) {
    const command = [process.execPath, CLI_BUNDLE, ...args];
    const [file, argv] =
      options.wrapped === true
        ? ['/bin/sh', ['-c', WRAPPER, 'sh', ...command]]
        : [command[0] ?? '', command.slice(1)];
    this.#pty = spawnPty(file, argv, {
      name: 'xterm-256color',
      cols: 100,
      rows: 30,
      cwd: REPO,
      env,
    });
    this.#pty.onData((data) => {
      this.#output += data;
      for (const waiter of this.#waiters) waiter();
    });
    this.exited = new Promise((resolve) => {
      this.#pty.onExit(({ exitCode }) => {
        resolve({ exitCode });
      });
    });
  }

  get output(): string {
    return this.#output;
  }

  write(data: string): void {
    this.#pty.write(data);
  }

  /** The exit, or a failure that shows what the CLI printed (a hang is then diagnosable). */
  exitedWithin(ms = WAIT_MS): Promise<Exit> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the CLI did not exit within ${ms} ms; output so far:\n${this.#output}`));
      }, ms);
      void this.exited.then((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
  }

  /** Resolves once the output (from `from` on) contains `text`. */
  waitFor(text: string | RegExp, from = 0): Promise<void> {
    const found = (): boolean => {
      const tail = this.#output.slice(from);
      return typeof text === 'string' ? tail.includes(text) : text.test(tail);
    };
    if (found()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!found()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`no ${String(text)} within ${WAIT_MS} ms; output so far:\n${this.#output}`),
        );
      }, WAIT_MS);
      this.#waiters.add(check);
    });
  }

  /** With `wrapped`: the CLI's pid, once the wrapper printed it. */
  async pid(): Promise<number> {
    await this.waitFor(/jobshell-pid=\d+/);
    return Number(/jobshell-pid=(\d+)/.exec(this.#output)?.[1]);
  }

  /** With `wrapped`: the CLI's exit code and the terminal's modes after it, once both are printed. */
  async afterExit(): Promise<{ readonly exitCode: number; readonly stty: string }> {
    await this.waitFor(/jobshell-exit=\d+[\s\S]*\bicanon\b/);
    const at = this.#output.search(/jobshell-exit=/);
    const exitCode = Number(/jobshell-exit=(\d+)/.exec(this.#output)?.[1]);
    return { exitCode, stty: this.#output.slice(at) };
  }

  kill(): void {
    try {
      this.#pty.kill();
    } catch {
      // Already gone.
    }
  }
}

export interface PipedResult extends Exit {
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI with pipes on stdin, stdout and stderr; `input` is written, then stdin is closed. */
export function runPiped(
  args: readonly string[],
  env: Record<string, string>,
  input: string,
): Promise<PipedResult> {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: REPO,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    stdout += data;
  });
  child.stderr.setEncoding('utf8').on('data', (data: string) => {
    stderr += data;
  });
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(
        new Error(
          `jobshell did not exit within ${WAIT_MS} ms\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, WAIT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout, stderr });
    });
  });
}
