/**
 * `jobshell history` and the recording of `jobshell attach` sessions: the real CLI against the
 * GitLab double, with a data folder of its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/cli/args';
import { cliDataDir } from '../../../src/cli/data-dir';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../../gitlab-double';
import { cliEnv, runPiped, sessionValue } from './cli-process';

describe('jobshell history', () => {
  let gl: GitlabDouble;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    gl = await startGitlabDouble({});
    const alice = seedUser(gl, 'alice');
    dataDir = mkdtempSync(path.join(tmpdir(), 'jobshell-history-cli-'));
    env = cliEnv({ GITLAB_SESSION: sessionValue(alice.cookie), JOBSHELL_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await gl.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records an attach session and prints it with the totals, as a table and as JSON', async () => {
    const job = gl.createJob({ user: 'alice', name: 'cli:probe', mode: 'shell' });
    const attached = await runPiped(['attach', job.web_url], env, 'echo ok\n');
    expect(attached.exitCode).toBe(0);

    const json = await runPiped(['history', '--json'], env, '');
    expect(json.exitCode).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      totals: { sessions: number };
      records: { source: string; jobId: number; outcome: string; account: string }[];
    };
    expect(parsed.totals.sessions).toBe(1);
    expect(parsed.records[0]).toMatchObject({
      source: 'cli',
      jobId: job.id,
      outcome: 'shell-exited',
      account: `@alice on ${new URL(gl.url).host}`,
    });

    const table = await runPiped(['history'], env, '');
    expect(table.stdout).toMatch(new RegExp(`cli:probe #${job.id}.*the shell exited`));
    expect(table.stdout).toContain('Runner time held after scripts ended: 0 s this week');
    // Three runs of the CLI: generous for a loaded machine; only a hang fails it.
  }, 90_000);

  it('reports a damaged history file on stderr, sets it aside and still prints', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jobshell-history-bad-'));
    writeFileSync(path.join(dir, 'history.json'), 'not json');
    const result = await runPiped(['history'], { ...env, JOBSHELL_DATA_DIR: dir }, '');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/damaged \(not valid JSON\); it was moved to/);
    expect(result.stdout).toContain('No terminal sessions recorded yet.');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('history arguments and data folder', () => {
  it('parses history [--json] and refuses anything else', () => {
    expect(parseCommand(['history'])).toEqual({ kind: 'history', json: false });
    expect(parseCommand(['history', '--json'])).toEqual({ kind: 'history', json: true });
    expect(() => parseCommand(['history', '--url', 'x'])).toThrow(/Unknown option --url/);
  });

  it('uses the desktop app’s data folder unless JOBSHELL_DATA_DIR says otherwise', () => {
    expect(cliDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/jobshell');
    expect(cliDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/jobshell');
    expect(cliDataDir({}, 'darwin', '/Users/a')).toBe(
      '/Users/a/Library/Application Support/jobshell',
    );
    expect(cliDataDir({ JOBSHELL_DATA_DIR: '/d' }, 'linux', '/home/a')).toBe('/d');
  });
});
