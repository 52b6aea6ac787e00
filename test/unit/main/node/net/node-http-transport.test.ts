import { X509Certificate } from 'node:crypto';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../../../../src/main/core/net/network-error';
import { createNodeHttpTransport } from '../../../../../src/main/node/net/node-http-transport';
import {
  DIRECT_NETWORK,
  type HttpRequest,
  type NetworkOptions,
} from '../../../../../src/main/core/ports';
import { startGitlabDouble, type GitlabDouble } from '../../../../gitlab-double';
import { FakeClock } from '../../../support/fake-clock';
import { rejectionOf } from '../../../support/rejection';
import { closedPort, startConnectProxy } from '../../core/net/connect-proxy';

const http = createNodeHttpTransport();
const TIMEOUT_MS = 10_000;

function get(
  url: string,
  network: NetworkOptions = DIRECT_NETWORK,
  extra: Partial<HttpRequest> = {},
) {
  return http({
    method: 'GET',
    url,
    network,
    timeoutMs: TIMEOUT_MS,
    headers: { Accept: 'application/json' },
    ...extra,
  });
}

const networkFailure = (promise: Promise<unknown>): Promise<NetworkError> =>
  rejectionOf(promise, NetworkError);

/** An https server with a certificate we choose, for the certificate faults the double has no switch for. */
async function httpsWith(options: {
  cn: string;
  notBefore: Date;
  notAfter: Date;
}): Promise<{ server: HttpsServer; url: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: options.cn }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: options.notBefore,
    notAfterDate: options.notAfter,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: options.cn }] }],
  });
  const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cert: pems.cert,
  };
}

describe('node HTTP transport (plain http double)', () => {
  let gl: GitlabDouble;
  beforeAll(async () => {
    gl = await startGitlabDouble({ root: '/gitlab' });
  });
  afterAll(async () => {
    await gl.close();
  });

  it('returns status, lower-case headers and body', async () => {
    const response = await get(`${gl.url}/api/v4/version`);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/json/);
    expect(JSON.parse(response.body)).toEqual({ message: '401 Unauthorized' });
  });

  it('never follows a redirect, and keeps Set-Cookie as a list', async () => {
    const response = await get(`${gl.url}/acme/platform/api/-/jobs/1`, DIRECT_NETWORK, {
      headers: {},
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(/\/users\/sign_in$/);
    expect(Array.isArray(response.setCookies)).toBe(true);
  });

  it('goes through an HTTP CONNECT proxy', async () => {
    const proxy = await startConnectProxy();
    try {
      const response = await get(`${gl.url}/api/v4/version`, {
        ...DIRECT_NETWORK,
        proxy: proxy.url,
      });
      expect(response.status).toBe(401);
      expect(proxy.tunnels).toEqual([new URL(gl.url).host]);
    } finally {
      await proxy.close();
    }
  });

  it('names a proxy that refuses the tunnel, and one that is not there', async () => {
    const refusing = await startConnectProxy(407);
    try {
      const error = await networkFailure(
        get(`${gl.url}/api/v4/version`, { ...DIRECT_NETWORK, proxy: refusing.url }),
      );
      expect(error.kind).toBe('proxy');
      expect(error.message).toMatch(/407/);
    } finally {
      await refusing.close();
    }
    const port = await closedPort();
    const error = await networkFailure(
      get(`${gl.url}/api/v4/version`, { ...DIRECT_NETWORK, proxy: `http://127.0.0.1:${port}` }),
    );
    expect(error.kind).toBe('proxy');
  });
});

describe('node HTTP transport: socket failures', () => {
  it('reports a refused connection', async () => {
    const port = await closedPort();
    expect((await networkFailure(get(`http://127.0.0.1:${port}/`))).kind).toBe('refused');
  });

  it('reports a name that does not resolve', async () => {
    expect((await networkFailure(get('https://no-such-host.invalid/'))).kind).toBe('dns');
  });

  it('times out on a server that accepts but never answers (fake clock)', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const clock = new FakeClock();
    const transport = createNodeHttpTransport({ clock });
    const port = (silent.address() as AddressInfo).port;
    const connected = new Promise((resolve) => silent.once('connection', resolve));
    const pending = networkFailure(
      transport({
        method: 'GET',
        url: `http://127.0.0.1:${port}/`,
        network: DIRECT_NETWORK,
        timeoutMs: 5000,
      }),
    );
    await connected;
    clock.advance(5000);
    const error = await pending;
    expect(error.kind).toBe('timeout');
    await new Promise((resolve) => silent.close(resolve));
    silent.unref();
  });

  it('refuses answers larger than the limit', async () => {
    const gl = await startGitlabDouble();
    try {
      const small = createNodeHttpTransport({ maxResponseBytes: 10 });
      const error = await networkFailure(
        small({
          method: 'GET',
          url: `${gl.url}/api/v4/version`,
          network: DIRECT_NETWORK,
          timeoutMs: TIMEOUT_MS,
        }),
      );
      expect(error.code).toBe('TOO_LARGE');
    } finally {
      await gl.close();
    }
  });
});

describe('node HTTP transport: TLS trust (self-signed double)', () => {
  let gl: GitlabDouble;
  let fingerprint: string;
  beforeAll(async () => {
    gl = await startGitlabDouble({ tls: true });
    fingerprint = new X509Certificate(gl.info.ca ?? '').fingerprint256;
  });
  afterAll(async () => {
    await gl.close();
  });

  it('refuses the unknown self-signed certificate with a message about its fingerprint', async () => {
    const error = await networkFailure(get(`${gl.url}/api/v4/version`));
    expect(error.kind).toBe('tls-untrusted');
    expect(error.message).toMatch(/fingerprint/);
  });

  it('trusts it as an extra CA', async () => {
    const response = await get(`${gl.url}/api/v4/version`, {
      ...DIRECT_NETWORK,
      ca: [gl.info.ca ?? ''],
    });
    expect(response.status).toBe(401);
  });

  it('trusts it when its fingerprint is pinned', async () => {
    const response = await get(`${gl.url}/api/v4/version`, {
      ...DIRECT_NETWORK,
      pinnedFingerprint: fingerprint,
    });
    expect(response.status).toBe(401);
  });

  it('refuses a different certificate than the pinned one, before any request byte is sent', async () => {
    let requests = 0;
    const stop = gl.events.on('api-request', () => {
      requests += 1;
    });
    const other = 'AA:'.repeat(31) + 'AA';
    const error = await networkFailure(
      get(
        `${gl.url}/api/v4/user`,
        { ...DIRECT_NETWORK, pinnedFingerprint: other },
        { headers: { Cookie: 'secret' }, credentialScope: gl.url },
      ),
    );
    stop();
    expect(error.kind).toBe('tls-fingerprint-changed');
    expect(error.message).toContain(fingerprint);
    expect(requests).toBe(0);
  });

  it('applies pinning through a proxy too', async () => {
    const proxy = await startConnectProxy();
    try {
      const ok = await get(`${gl.url}/api/v4/version`, {
        ca: [],
        pinnedFingerprint: fingerprint,
        proxy: proxy.url,
      });
      expect(ok.status).toBe(401);
      const refused = await networkFailure(
        get(`${gl.url}/api/v4/version`, { ca: [], pinnedFingerprint: null, proxy: proxy.url }),
      );
      expect(refused.kind).toBe('tls-untrusted');
    } finally {
      await proxy.close();
    }
  });
});

describe('node HTTP transport: certificate faults', () => {
  const DAY = 86_400_000;

  it('names an expired certificate', async () => {
    const now = Date.now();
    const { server, url, cert } = await httpsWith({
      cn: '127.0.0.1',
      notBefore: new Date(now - 10 * DAY),
      notAfter: new Date(now - DAY),
    });
    try {
      const error = await networkFailure(get(url, { ...DIRECT_NETWORK, ca: [cert] }));
      expect(error.kind).toBe('tls-expired');
    } finally {
      server.close();
    }
  });

  it('names a certificate for another host', async () => {
    const now = Date.now();
    const { server, url, cert } = await httpsWith({
      cn: 'gitlab.example.com',
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + DAY),
    });
    try {
      const error = await networkFailure(get(url, { ...DIRECT_NETWORK, ca: [cert] }));
      expect(error.kind).toBe('tls-hostname');
    } finally {
      server.close();
    }
  });
});
