/**
 * GitLab's external_url differs from the address the user entered (issue: the session cookie
 * followed web_url to another port). A second listener stands where web_url points: whatever the
 * app does, it must receive no credential, and the terminal must still work on the entered address.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpTransport } from '../../../../../src/main/node/net/node-http-transport';
import { DIRECT_NETWORK } from '../../../../../src/main/core/ports';
import { createWsSocket } from '../../../../../src/main/node/ws-socket';
import type { AppNotification } from '../../../../../src/shared/models';
import { seedUser } from '../../../../gitlab-double';
import { startHarness, type Harness } from './harness';

/** A plain TCP listener that records every byte any client sends it. */
async function startRecorder(): Promise<{
  url: string;
  received: () => string;
  close(): Promise<void>;
}> {
  const chunks: Buffer[] = [];
  const server: Server = createServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Never answers: a request ends in a reset once its head arrived.
      if (Buffer.concat(chunks).includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
      }),
  };
}

describe('a job whose web_url points elsewhere', () => {
  let harness: Harness | null = null;
  let recorder: Awaited<ReturnType<typeof startRecorder>> | null = null;
  afterEach(async () => {
    await harness?.close();
    await recorder?.close();
    harness = null;
    recorder = null;
  });

  it('gets its terminal on the entered address, tells the user once, and the other listener hears nothing', async () => {
    recorder = await startRecorder();
    harness = await startHarness({ token: false });
    harness.gl.setExternalUrl(`${recorder.url}/gitlab`);
    const notifications: AppNotification[] = [];
    harness.service.onNotification((n) => notifications.push(n));
    const first = harness.gl.createJob({ user: 'alice', mode: 'shell' });
    const second = harness.gl.createJob({ user: 'alice', mode: 'shell' });

    const id = await harness.openJob(first.id);
    await harness.renderer.waitForState(id, 'open');
    await harness.renderer.waitForText(id, `job-${first.id}$ `);
    harness.service.input(id, 'echo via-$((40+2))\r');
    await harness.renderer.waitForText(id, 'via-42');
    const other = await harness.openJob(second.id);
    await harness.renderer.waitForState(other, 'open');

    const view = harness.service.list().find((s) => s.id === id);
    expect(view?.webUrl).toBe(`${harness.gl.url}/acme/platform/api/-/jobs/${first.id}`);
    const told = notifications.filter((n) => n.kind === 'account');
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toBe(
      `GitLab says its address is ${recorder.url}; Jobshell keeps using ${harness.gl.url} that you entered, and sends your session only there.`,
    );
    const { cookie } = seedUser(harness.gl, 'alice');
    expect(recorder.received()).not.toContain(cookie.split('=')[1] ?? cookie);
    expect(recorder.received()).toBe('');
  });

  it('the transport and the socket factory refuse to carry the cookie there themselves', async () => {
    recorder = await startRecorder();
    const cookie = '_gitlab_session=secret-session-value';
    const http = createNodeHttpTransport();
    const base = 'http://127.0.0.1:1';
    const request = {
      method: 'GET' as const,
      url: `${recorder.url}/api/v4/user`,
      headers: { Cookie: cookie },
      network: DIRECT_NETWORK,
      timeoutMs: 5_000,
    };
    await expect(http({ ...request, credentialScope: base })).rejects.toThrow(
      /outside the GitLab you entered/,
    );
    await expect(http(request)).rejects.toThrow(/names no account/);
    const socketUrl = `${recorder.url.replace('http', 'ws')}/a/b/-/jobs/1/terminal.ws`;
    expect(() =>
      createWsSocket(
        {
          url: socketUrl,
          headers: { Cookie: cookie },
          network: DIRECT_NETWORK,
          credentialScope: base,
        },
        () => undefined,
      ),
    ).toThrow(/outside the GitLab you entered/);
    // Without credentials the same request may go (and the listener sees it, but no secret).
    await expect(http({ ...request, headers: {} })).rejects.toThrow();
    expect(recorder.received()).toContain('GET /api/v4/user');
    expect(recorder.received()).not.toContain('secret-session-value');
  });
});
