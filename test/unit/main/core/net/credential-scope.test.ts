import { describe, expect, it } from 'vitest';
import {
  carriesCredentials,
  credentialRefusal,
  mayCarryCredentials,
} from '../../../../../src/main/core/net/credential-scope';

const BASE = 'https://gitlab.example.com';
const ROOTED = 'https://gitlab.example.com/gitlab';
const LOCAL = 'http://127.0.0.1:8929';

describe('mayCarryCredentials', () => {
  it.each([
    // base, url, verdict, why
    [BASE, 'https://gitlab.example.com/api/v4/user', true, 'same origin'],
    [BASE, 'https://GITLAB.example.com/api/v4/user', true, 'host case does not matter'],
    [BASE, 'https://gitlab.example.com:443/a/b/-/jobs/1', true, 'explicit default port'],
    [BASE, 'wss://gitlab.example.com/a/b/-/jobs/1/terminal.ws', true, 'wss for https'],
    [BASE, 'ws://gitlab.example.com/a/b/-/jobs/1/terminal.ws', false, 'ws for https'],
    [BASE, 'http://gitlab.example.com/api/v4/user', false, 'http for https'],
    [BASE, 'https://gitlab.example.com:8443/api/v4/user', false, 'other port'],
    [BASE, 'https://gitlab.internal/api/v4/user', false, 'other host'],
    [BASE, 'https://evil.gitlab.example.com/', false, 'subdomain'],
    [BASE, 'https://gitlab.example.com.evil.test/', false, 'suffix host'],
    [BASE, 'https://user:pw@gitlab.example.com/', false, 'userinfo'],
    [ROOTED, 'https://gitlab.example.com/gitlab', true, 'the root itself'],
    [ROOTED, 'https://gitlab.example.com/gitlab/api/v4/user', true, 'under the root'],
    [ROOTED, 'https://gitlab.example.com/gitlabx/api/v4/user', false, 'prefix without slash'],
    [ROOTED, 'https://gitlab.example.com/other/api/v4/user', false, 'outside the root'],
    [ROOTED, 'https://gitlab.example.com/gitlab/../other', false, 'dot segments out'],
    [ROOTED, 'https://gitlab.example.com/gitlab/%2e%2e/other', false, 'encoded dot segments'],
    [`${ROOTED}/`, 'https://gitlab.example.com/gitlab/a', true, 'base with trailing slash'],
    [LOCAL, 'ws://127.0.0.1:8929/a/b/-/jobs/1/terminal.ws', true, 'loopback ws'],
    [LOCAL, 'ws://127.0.0.1:8930/a/b/-/jobs/1/terminal.ws', false, 'loopback other port'],
    [LOCAL, 'ws://localhost:8929/a/b/-/jobs/1/terminal.ws', false, 'another name for it'],
    ['ftp://gitlab.example.com', 'ftp://gitlab.example.com/x', false, 'non-http base'],
    [BASE, 'not a url', false, 'unparsable url'],
    ['not a url', BASE, false, 'unparsable base'],
  ])('%s -> %s: %s (%s)', (base, url, verdict) => {
    expect(mayCarryCredentials(base, url)).toBe(verdict);
  });
});

describe('credentialRefusal', () => {
  it('lets a request without credentials go anywhere', () => {
    expect(carriesCredentials({ Accept: 'application/json' })).toBe(false);
    expect(credentialRefusal(undefined, 'https://elsewhere.test/', { Accept: 'x' })).toBeNull();
  });

  it.each(['Cookie', 'PRIVATE-TOKEN', 'authorization', 'Job-Token', 'X-CSRF-Token'])(
    'treats %s as a credential',
    (name) => {
      expect(carriesCredentials({ [name]: 'secret' })).toBe(true);
    },
  );

  it('refuses a credentialed request that names no account', () => {
    expect(credentialRefusal(undefined, `${BASE}/api/v4/user`, { Cookie: 'a=b' })).toMatch(
      /names no account/,
    );
  });

  it('refuses one outside the account, naming both addresses but no secret', () => {
    const refusal = credentialRefusal(BASE, 'https://gitlab.internal/x', { Cookie: 'a=secret' });
    expect(refusal).toContain('https://gitlab.internal');
    expect(refusal).toContain(BASE);
    expect(refusal).not.toContain('secret');
  });

  it('allows one inside the account', () => {
    expect(credentialRefusal(BASE, `${BASE}/api/v4/user`, { 'PRIVATE-TOKEN': 't' })).toBeNull();
  });
});
