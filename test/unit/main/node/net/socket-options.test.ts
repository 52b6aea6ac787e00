import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { NetworkError } from '../../../../../src/main/core/net/network-error';
import {
  inspectCertificate,
  tlsSocketOptions,
} from '../../../../../src/main/node/net/socket-options';
import { DIRECT_NETWORK, type NetworkOptions } from '../../../../../src/main/core/ports';
import { seedUser, startGitlabDouble, type GitlabDouble } from '../../../../gitlab-double';
import { FakeClock } from '../../../support/fake-clock';
import { startConnectProxy } from '../../core/net/connect-proxy';

/** Opens the terminal socket of alice's first running job; resolves 'open' or the error. */
function openTerminal(gl: GitlabDouble, network: NetworkOptions): Promise<'open' | Error> {
  const alice = seedUser(gl, 'alice');
  const job = gl.info.jobs.find(
    (j) => j.user_id === alice.id && j.status === 'running' && j.mode === 'shell',
  );
  if (job === undefined) throw new Error('seed changed');
  const url = `${job.web_url.replace(/^http/, 'ws')}/terminal.ws`;
  const socket = new WebSocket(url, ['terminal.gitlab.com'], {
    headers: { Cookie: alice.cookie },
    ...tlsSocketOptions(network, url),
  });
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close(1000);
      resolve('open');
    });
    socket.once('error', (error) => {
      resolve(error);
    });
  });
}

describe('websocket trust options (self-signed double)', () => {
  let gl: GitlabDouble;
  let fingerprint: string;
  beforeAll(async () => {
    gl = await startGitlabDouble({ tls: true });
    fingerprint = new X509Certificate(gl.info.ca ?? '').fingerprint256;
  });
  afterAll(async () => {
    await gl.close();
  });

  it('connects with the pinned fingerprint, with the CA, and through a proxy', async () => {
    expect(await openTerminal(gl, { ...DIRECT_NETWORK, pinnedFingerprint: fingerprint })).toBe(
      'open',
    );
    expect(await openTerminal(gl, { ...DIRECT_NETWORK, ca: [gl.info.ca ?? ''] })).toBe('open');
    const proxy = await startConnectProxy();
    try {
      expect(
        await openTerminal(gl, { ca: [], pinnedFingerprint: fingerprint, proxy: proxy.url }),
      ).toBe('open');
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an untrusted certificate and a changed one', async () => {
    const untrusted = await openTerminal(gl, DIRECT_NETWORK);
    expect(untrusted).toBeInstanceOf(Error);
    const changed = await openTerminal(gl, {
      ...DIRECT_NETWORK,
      pinnedFingerprint: 'AB:'.repeat(31) + 'AB',
    });
    expect(changed).toBeInstanceOf(NetworkError);
    expect((changed as NetworkError).kind).toBe('tls-fingerprint-changed');
  });

  it('inspects the certificate without trusting it', async () => {
    const info = await inspectCertificate(gl.url, DIRECT_NETWORK);
    expect(info.fingerprint256).toBe(fingerprint);
    expect(info.trustedBySystem).toBe(false);
    expect(info.subject).toContain('CN=localhost');
    expect(Date.parse(info.validTo)).toBeGreaterThan(Date.now());
    const withCa = await inspectCertificate(gl.url, { ...DIRECT_NETWORK, ca: [gl.info.ca ?? ''] });
    expect(withCa.trustedBySystem).toBe(true);
  });

  it('sends no request while inspecting', async () => {
    let requests = 0;
    const stop = gl.events.on('api-request', () => {
      requests += 1;
    });
    await inspectCertificate(`${gl.url}/api/v4/version`, DIRECT_NETWORK);
    stop();
    expect(requests).toBe(0);
  });

  it('refuses to inspect an http address', async () => {
    await expect(
      inspectCertificate('http://127.0.0.1:1/', DIRECT_NETWORK, { clock: new FakeClock() }),
    ).rejects.toThrow(/does not use https/);
  });
});
