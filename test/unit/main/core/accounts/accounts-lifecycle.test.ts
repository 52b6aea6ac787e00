import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../../src/shared/contract';
import { RECHECK_INITIAL_MS } from '../../../../../src/main/core/accounts/verification/recheck-schedule';
import { NetworkError } from '../../../../../src/main/core/net/network-error';
import { createNodeHttpTransport } from '../../../../../src/main/node/net/node-http-transport';
import type { HttpTransport } from '../../../../../src/main/core/ports';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../../../../gitlab-double';
import { FakeClock } from '../../../support/fake-clock';
import { rejectionOf } from '../../../support/rejection';
import { createHarness, nextChange, withTokenFields, type Harness } from './service-harness';

const refusal = (promise: Promise<unknown>): Promise<ContractError> =>
  rejectionOf(promise, ContractError);

const doubles: GitlabDouble[] = [];
const harnesses: Harness[] = [];

async function double(
  options: Parameters<typeof startGitlabDouble>[0] = {},
): Promise<GitlabDouble> {
  const gl = await startGitlabDouble(options);
  doubles.push(gl);
  return gl;
}

function harness(options: Parameters<typeof createHarness>[0] = {}): Harness {
  const h = createHarness(options);
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) h.dispose();
  for (const gl of doubles.splice(0)) await gl.close();
});

describe('accounts service: sessions over time', () => {
  it('marks a revoked session expired on the next check after a restart', async () => {
    const gl = await double();
    const alice = seedUser(gl, 'alice');
    const session = gl.newSession('alice');
    const first = harness();
    const view = await first.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: session },
    });
    gl.revoke({ cookie: session });
    const second = first.restart();
    harnesses.push(second);
    const expired = nextChange(second.service, (list) => list[0]?.state === 'session-expired');
    await second.service.start();
    const [account] = await expired;
    expect(account?.id).toBe(view.id);
    expect(account?.signedIn).toBe(false);
    expect(account?.warnings[0]).toMatch(/sign in again/);
    expect(second.service.connection(view.id)).toBeNull();
    // Signing in again (same user) brings it back.
    const back = await second.service.signIn(view.id, { kind: 'cookie', value: alice.cookie });
    expect(back.state).toBe('signed-in');
    expect(second.service.connection(view.id)?.cookieHeader).toBe(alice.cookie);
  });

  it('stops an account at once on an auth failure report, and reports it once', async () => {
    const gl = await double();
    const h = harness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: seedUser(gl, 'alice').cookie },
    });
    let connectionChanges = 0;
    let changes = 0;
    h.service.onConnectionsChanged(() => (connectionChanges += 1));
    h.service.onChange(() => (changes += 1));
    h.service.reportAuthFailure(view.id, 'terminal-handshake');
    h.service.reportAuthFailure(view.id, 'api');
    expect(h.service.connection(view.id)).toBeNull();
    expect(h.service.connections()).toEqual([]);
    expect(h.service.list()[0]?.state).toBe('session-expired');
    expect(changes).toBe(1);
    expect(connectionChanges).toBe(1);
  });

  it('keeps the session when only the token was revoked (API 401 with a token)', async () => {
    const gl = await double();
    const alice = seedUser(gl, 'alice');
    const h = harness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice.cookie },
      token: alice.read_api_token,
    });
    gl.revoke({ token: alice.read_api_token });
    const diagnosed = nextChange(h.service, (list) => list[0]?.state === 'token-expired');
    h.service.reportAuthFailure(view.id, 'api');
    expect(h.service.connection(view.id)).toBeNull();
    const [account] = await diagnosed;
    expect(account?.warnings[0]).toMatch(/no longer accepts the token/);
    const connection = h.service.connection(view.id);
    expect(connection?.cookieHeader).toBe(alice.cookie);
    expect(connection?.token).toBeNull();
  });

  it('is offline while GitLab cannot be reached, and retries with the clock until it can', async () => {
    const gl = await double();
    const real = createNodeHttpTransport();
    let down = false;
    const http: HttpTransport = (request) =>
      down
        ? Promise.reject(
            new NetworkError('refused', 'gitlab refused the connection.', 'ECONNREFUSED'),
          )
        : real(request);
    const first = harness({ http });
    const view = await first.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: seedUser(gl, 'alice').cookie },
    });
    down = true;
    const second = first.restart({ http });
    harnesses.push(second);
    const offline = nextChange(second.service, (list) => list[0]?.state === 'offline');
    await second.service.start();
    const [account] = await offline;
    expect(account?.warnings[0]).toMatch(/refused the connection.*keeps trying/);
    // Offline is not signed out: the stored session is still offered to the other services.
    expect(second.service.connection(view.id)).not.toBeNull();
    down = false;
    const back = nextChange(second.service, (list) => list[0]?.state === 'signed-in');
    second.clock.advance(RECHECK_INITIAL_MS);
    await back;
  });

  it('warns as the token expiry approaches and drops the token on the day, with the clock alone', async () => {
    const gl = await double();
    const alice = seedUser(gl, 'alice');
    const DAY = 86_400_000;
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
    // The double's tokens never expire: report an expiry date, as GitLab would.
    const http = withTokenFields({ expires_at: '2026-01-10' });
    const h = harness({ http, clock });
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice.cookie },
      token: alice.token,
    });
    expect(view.warnings).toEqual([]);
    const warned = nextChange(h.service, (list) => (list[0]?.warnings.length ?? 0) > 0);
    clock.advance(1.5 * DAY);
    expect((await warned)[0]?.warnings[0]).toMatch(/^The token expires in 7 days \(2026-01-10\)/);
    let connectionChanges = 0;
    h.service.onConnectionsChanged(() => (connectionChanges += 1));
    const expired = nextChange(h.service, (list) => list[0]?.state === 'token-expired');
    clock.advance(8 * DAY);
    await expired;
    expect(h.service.connection(view.id)?.token).toBeNull();
    expect(connectionChanges).toBe(1);
  });

  it('never writes a secret to the log', async () => {
    const gl = await double();
    const alice = seedUser(gl, 'alice');
    const bob = seedUser(gl, 'bob');
    const h = harness();
    const secrets = [
      alice.cookie,
      alice.token,
      alice.read_api_token,
      bob.cookie,
      bob.token,
      alice.password,
    ].map((secret) => secret.replace(/^_gitlab_session=/, ''));
    const a = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice.cookie },
      token: alice.token,
    });
    await refusal(
      h.service.add({
        baseUrl: gl.url,
        session: { kind: 'cookie', value: bob.cookie },
        token: alice.token,
      }),
    );
    await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: bob.cookie },
      token: bob.token,
    });
    await h.service.setToken(a.id, alice.read_api_token);
    h.service.reportAuthFailure(a.id, 'api');
    const restarted = h.restart();
    harnesses.push(restarted);
    const checked = nextChange(
      restarted.service,
      (list) => list.length === 2 && list.every((x) => x.state === 'signed-in'),
    );
    await restarted.service.start();
    await checked;
    await restarted.service.remove(a.id);
    const log = `${h.logger.text()}\n${restarted.logger.text()}`;
    expect(h.logger.lines.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});

describe('accounts service: self-signed instance (trust on first use)', () => {
  it('explains the untrusted certificate, then works once its fingerprint is confirmed, and refuses a changed one', async () => {
    const gl = await double({ tls: true });
    const port = Number(new URL(gl.url).port);
    const alice = seedUser(gl, 'alice');
    const h = harness();

    const untrusted = await refusal(
      h.service.add({ baseUrl: gl.url, session: { kind: 'cookie', value: alice.cookie } }),
    );
    expect(untrusted.code).toBe('network');
    expect(untrusted.message).toMatch(/not trusted.*confirm its fingerprint/);
    expect(h.service.list()).toEqual([]);

    const cert = await h.service.inspectCertificate(gl.url);
    expect(cert.fingerprint256).toBe(new X509Certificate(gl.info.ca ?? '').fingerprint256);
    expect(cert.trustedBySystem).toBe(false);

    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice.cookie },
      trustFingerprint: cert.fingerprint256.toLowerCase(),
    });
    expect(view.network.pinnedFingerprint).toBe(cert.fingerprint256);
    expect(h.service.connection(view.id)?.network.pinnedFingerprint).toBe(cert.fingerprint256);

    // A wrong pin is refused before it replaces the working one.
    const wrong = await refusal(
      h.service.setNetwork({ accountId: view.id, trustFingerprint: 'AB'.repeat(32) }),
    );
    expect(wrong.message).toMatch(/changed since you trusted it/);
    expect(h.service.list()[0]?.network.pinnedFingerprint).toBe(cert.fingerprint256);

    // The server comes back on the same address with another certificate.
    await gl.close();
    const replaced = await double({ tls: true, port });
    expect((replaced.info.ca ?? '') === (gl.info.ca ?? '')).toBe(false);
    const restarted = h.restart();
    harnesses.push(restarted);
    const offline = nextChange(restarted.service, (list) => list[0]?.state === 'offline');
    await restarted.service.start();
    const [account] = await offline;
    expect(account?.warnings[0]).toMatch(
      /certificate of 127\.0\.0\.1:\d+ changed since you trusted it/,
    );
  });

  it('trusts an instance through an extra CA certificate', async () => {
    const gl = await double({ tls: true });
    const h = harness();
    const view = await h.service.add({
      baseUrl: gl.url,
      session: { kind: 'cookie', value: seedUser(gl, 'alice').cookie },
      caPem: gl.info.ca ?? '',
    });
    expect(view.network.caCount).toBe(1);
    const cleared = await refusal(h.service.setNetwork({ accountId: view.id, caPem: null }));
    expect(cleared.message).toMatch(/not trusted/);
    expect(h.service.list()[0]?.network.caCount).toBe(1);
    expect(
      h.service.findByUrl(`https://${new URL(gl.url).host}/acme/platform/api/-/jobs/1`)?.accountId,
    ).toBe(view.id);
  });
});
