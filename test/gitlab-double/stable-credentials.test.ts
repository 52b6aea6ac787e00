import { afterEach, describe, expect, it } from 'vitest';
import { startSummary } from './cli-summary';
import { seedUser, startGitlabDouble, type GitlabDouble } from './index';

const running: GitlabDouble[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.close()));
});

async function start(credentialsSeed?: string): Promise<GitlabDouble> {
  const double = await startGitlabDouble({
    seed: false,
    ...(credentialsSeed === undefined ? {} : { credentialsSeed }),
  });
  running.push(double);
  return double;
}

function credentials(double: GitlabDouble): string[] {
  return double.info.users.flatMap((u) => [u.cookie, u.token, u.read_api_token]);
}

async function userOf(double: GitlabDouble, token: string): Promise<unknown> {
  const response = await fetch(`${double.url}/api/v4/user`, {
    headers: { 'PRIVATE-TOKEN': token },
  });
  return ((await response.json()) as { username?: string }).username;
}

describe('stable start-line credentials', () => {
  it('are the same on every start with the same seed, and work', async () => {
    const first = await start('demo');
    const again = await start('demo');
    expect(credentials(again)).toEqual(credentials(first));
    const alice = seedUser(again, 'alice');
    expect(alice.cookie).toMatch(/^_gitlab_session=[0-9a-f]{32}$/);
    expect(alice.token).toMatch(/^glpat-[\w-]{20}$/);
    expect(await userOf(again, alice.token)).toBe('alice');
  });

  it('differ between seeds and users, and stay random without a seed', async () => {
    const [a, b, r1, r2] = await Promise.all([start('one'), start('two'), start(), start()]);
    expect(credentials(a)).not.toEqual(credentials(b));
    expect(new Set(credentials(a)).size).toBe(credentials(a).length);
    expect(credentials(r1)).not.toEqual(credentials(r2));
  });

  it('the human summary says what to paste and whether it survives a restart', async () => {
    const double = await start('demo');
    const alice = seedUser(double, 'alice');
    const stable = startSummary(double.info, true).join('\n');
    expect(stable).toContain(double.info.url);
    expect(stable).toContain(alice.cookie);
    expect(stable).toMatch(/same on every start/);
    expect(startSummary(double.info, false).join('\n')).toMatch(/--stable-credentials/);
  });
});
