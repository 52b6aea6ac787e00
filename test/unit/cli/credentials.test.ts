import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-error';
import {
  loadCredentials,
  MISSING_SESSION,
  sessionCookies,
  type CliEnvironment,
} from '../../../src/cli/credentials';

const NOW = Date.UTC(2026, 0, 1);
const NO_FLAGS = { cookiesFile: null, tokenFile: null, caFiles: [] } as const;
const SECRET = 'f00dfeed0123456789';

function environment(
  env: Readonly<Record<string, string>>,
  files: Readonly<Record<string, string>> = {},
): CliEnvironment {
  return {
    env,
    readText: (path) => {
      const text = files[path];
      if (text === undefined) {
        return Promise.reject(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }));
      }
      return Promise.resolve(text);
    },
    now: () => NOW,
  };
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('accepted');
}

describe('loadCredentials', () => {
  it('names what is missing when there is no session', async () => {
    const error = await failure(
      loadCredentials(NO_FLAGS, environment({ GITLAB_TOKEN: 'glpat-x' })),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(MISSING_SESSION);
    expect(error.message).toContain('GITLAB_SESSION');
    expect(error.message).toContain('--cookies');
  });

  it('takes the session value and the token from the environment', async () => {
    const credentials = await loadCredentials(
      NO_FLAGS,
      environment({ GITLAB_SESSION: ` ${SECRET}\n`, GITLAB_TOKEN: 'glpat-abc' }),
    );
    expect(sessionCookies(credentials.session, 'https://g.example', NOW)).toEqual([
      { name: '_gitlab_session', value: SECRET },
    ]);
    expect(credentials.token).toBe('glpat-abc');
    expect(credentials.ca).toEqual([]);
  });

  it('prefers --cookies and --token-file, matching cookies.txt to the GitLab host', async () => {
    const cookiesTxt = [
      '# Netscape HTTP Cookie File',
      `g.example\tFALSE\t/\tTRUE\t0\t_gitlab_session\t${SECRET}`,
      'other.example\tFALSE\t/\tTRUE\t0\t_gitlab_session\tnot-this-one',
    ].join('\n');
    const credentials = await loadCredentials(
      { cookiesFile: 'c.txt', tokenFile: 't', caFiles: [] },
      environment(
        { GITLAB_SESSION: 'ignored', GITLAB_TOKEN: 'ignored' },
        {
          'c.txt': cookiesTxt,
          t: 'glpat-from-file\n',
        },
      ),
    );
    expect(sessionCookies(credentials.session, 'https://g.example', NOW)).toEqual([
      { name: '_gitlab_session', value: SECRET },
    ]);
    expect(credentials.token).toBe('glpat-from-file');
  });

  it('says which file could not be read or parsed, never its secret', async () => {
    const unreadable = await failure(
      loadCredentials({ ...NO_FLAGS, cookiesFile: 'gone.txt' }, environment({})),
    );
    expect(unreadable.message).toBe('Cannot read --cookies gone.txt: no such file.');

    const noSession = await loadCredentials(
      { ...NO_FLAGS, cookiesFile: 'c.txt' },
      environment({}, { 'c.txt': `other.example\tFALSE\t/\tTRUE\t0\t_gitlab_session\t${SECRET}` }),
    );
    expect(() => sessionCookies(noSession.session, 'https://g.example', NOW)).toThrow(
      /^--cookies c\.txt: The cookies\.txt file has no cookies for g\.example/,
    );

    const badCa = await failure(
      loadCredentials(
        { ...NO_FLAGS, caFiles: ['ca.pem'] },
        environment({ GITLAB_SESSION: SECRET }, { 'ca.pem': 'nope' }),
      ),
    );
    expect(badCa.message).toMatch(/^--ca ca\.pem: Could not read the certificate/);

    const badToken = await failure(
      loadCredentials(NO_FLAGS, environment({ GITLAB_SESSION: SECRET, GITLAB_TOKEN: 'two words' })),
    );
    expect(badToken.message).toMatch(/^GITLAB_TOKEN: /);
    for (const error of [unreadable, badCa, badToken]) expect(error.message).not.toContain(SECRET);
  });
});
