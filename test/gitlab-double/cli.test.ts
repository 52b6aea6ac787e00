import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminJobView, StartInfo } from './index';
import { connectTerminal, WAIT_MS } from './support/clients';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx compiles on first start; slow CI machines need the room. */
const START_TIMEOUT_MS = 25_000;

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      reject(new Error('no start line'));
    }, START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const end = buffered.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(buffered.slice(0, end));
      }
    });
    child.once('exit', (code) => {
      reject(new Error(`exited early with ${code}`));
    });
  });
}

describe('standalone CLI', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    // Only if the test failed half-way: end the group this test started.
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  });

  it(
    'prints one JSON start line, serves admin routes, and ends its shells on SIGTERM',
    { timeout: 60_000 },
    async () => {
      // node with tsx's loader, as `npm run gitlab-double` runs it, without npx's own start-up.
      child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/gitlab-double/cli.ts', '--port', '0', '--root', '/gitlab'],
        {
          cwd: REPO_ROOT,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      const info = JSON.parse(await firstLine(child)) as StartInfo;
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gitlab$/);
      expect(info.admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__double\/$/);
      expect(info.users.map((u) => u.id)).toEqual(expect.arrayContaining([101, 102]));
      expect(info.jobs.map((j) => j.mode)).toEqual(
        expect.arrayContaining(['shell', 'kubernetes', 'docker']),
      );

      const jobs = (await (await fetch(`${info.admin}jobs`)).json()) as AdminJobView[];
      const shellJob = info.jobs.find(
        (j) => j.mode === 'shell' && j.status === 'running' && j.user_id === 101,
      );
      expect(jobs.find((j) => j.id === shellJob?.id)?.status).toBe('running');

      // A live shell, to see that SIGTERM ends it and removes its temp dir.
      const client = await connectTerminal(
        `${shellJob?.web_url.replace(/^http/, 'ws') ?? ''}/terminal.ws`,
        {
          cookie: info.users[0]?.cookie,
        },
      );
      client.send(Buffer.from('echo "DIR=$PWD="\r'));
      // The echoed command line ends in `="`; only the output ends in `=` + CRLF.
      await client.waitForOutput('=\r\n', 0, WAIT_MS);
      const dir = /DIR=([^=]+)=\r\n/.exec(client.text())?.[1] ?? '';
      expect(existsSync(dir)).toBe(true);

      const stopped = new Promise<void>((resolve) => {
        child?.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('gitlab-double: stopped')) resolve();
        });
      });
      // The whole group, as Ctrl-C in a terminal would (npm's `sh -c` does not pass signals on).
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      expect((await client.closed).code).toBe(1006);
      await stopped;
      expect(existsSync(dir)).toBe(false);
      await expect(fetch(`${info.admin}jobs`)).rejects.toThrow();
      expect(stdout.trim().split('\n')).toHaveLength(1);
    },
  );
});
