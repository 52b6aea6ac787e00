import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { checkUpgrade, startWebServer, type WebServer } from '../../../../src/main/web/web-server';
import { RENDERER_CSP } from '../../../../src/shared/renderer-csp';
import { decodeOutputFrame } from '../../../../src/shared/wire-codec';
import { captureLogger } from '../../support/capture-logger';
import { RecordingCore } from '../../support/fake-core';

function connect(server: WebServer, token: string | null, origin: string | null): WebSocket {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return new WebSocket(`${server.origin.replace('http', 'ws')}/bridge${query}`, {
    headers: origin === null ? {} : { Origin: origin },
  });
}

function refusal(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
    });
    socket.on('open', () => {
      reject(new Error('the bridge accepted a connection it should refuse'));
    });
  });
}

describe('browser-mode server', () => {
  let dir: string;
  let server: WebServer;
  let core: RecordingCore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jobshell-web-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    core = new RecordingCore(() => ({ version: 'test' }));
    server = await startWebServer({ core, rendererDir: dir, logger: captureLogger() });
  });

  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the renderer with its CSP, and nothing outside its folder', async () => {
    const page = await fetch(server.origin);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('prints a loopback URL that carries the token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('rejects a connection without the token, with a wrong one, or from another origin', async () => {
    expect(await refusal(connect(server, null, server.origin))).toBe(401);
    expect(await refusal(connect(server, 'guess', server.origin))).toBe(401);
    expect(await refusal(connect(server, server.token, 'https://evil.example'))).toBe(403);
    expect(await refusal(connect(server, server.token, null))).toBe(403);
    expect(core.requests).toEqual([]);
  });

  it('carries requests, events, and terminal output as binary frames', async () => {
    const socket = connect(server, server.token, server.origin);
    const frames: (string | Buffer)[] = [];
    const got = (count: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (frames.length >= count) resolve();
        };
        socket.on('message', (data: Buffer, isBinary) => {
          frames.push(isBinary ? data : data.toString());
          check();
        });
      });
    await new Promise((resolve) => socket.once('open', resolve));
    const arrived = got(3);
    socket.send(JSON.stringify({ t: 'req', id: 7, method: 'app.info', params: {} }));
    socket.send(JSON.stringify({ t: 'req', id: 8, method: 'no.such', params: {} }));
    socket.send(
      JSON.stringify({ t: 'note', name: 'terminal.ack', params: { sessionId: 's', bytes: 3 } }),
    );
    await new Promise<void>((resolve) => {
      const poll = (): void => {
        if (core.notifications.length > 0) resolve();
        else setImmediate(poll);
      };
      poll();
    });
    core.emit('terminal.output', [{ sessionId: 's', data: new Uint8Array([0xe2, 0x82]) }]);
    await arrived;
    const text = frames
      .filter((f): f is string => typeof f === 'string')
      .map((f) => JSON.parse(f) as unknown);
    expect(text).toContainEqual({
      t: 'res',
      id: 7,
      result: { ok: true, value: { version: 'test' } },
    });
    expect(text).toContainEqual({
      t: 'res',
      id: 8,
      result: {
        ok: false,
        error: { code: 'invalid-message', message: 'Unknown request "no.such"' },
      },
    });
    const binary = frames.find((f): f is Buffer => typeof f !== 'string');
    expect(binary).toBeDefined();
    expect(decodeOutputFrame(new Uint8Array(binary ?? []))).toEqual([
      { sessionId: 's', data: new Uint8Array([0xe2, 0x82]) },
    ]);
    socket.close();
  });

  it('checks path, host, origin and token before upgrading', () => {
    const origin = 'http://127.0.0.1:5000';
    const headers = { host: '127.0.0.1:5000', origin };
    expect(checkUpgrade({ url: '/bridge?token=t', headers }, origin, 't')).toBeNull();
    expect(checkUpgrade({ url: '/other?token=t', headers }, origin, 't')?.status).toBe(404);
    expect(
      checkUpgrade(
        { url: '/bridge?token=t', headers: { ...headers, host: 'evil:5000' } },
        origin,
        't',
      )?.status,
    ).toBe(403);
  });

  it.each(['http://[', 'http://[::1', '//evil.example/bridge', '*', ''])(
    'answers 400 to an upgrade whose target %j is no path, instead of throwing',
    (url) => {
      const origin = 'http://127.0.0.1:5000';
      const headers = { host: '127.0.0.1:5000', origin };
      expect(checkUpgrade({ url, headers }, origin, 't')?.status).toBe(400);
    },
  );

  it('answers 400 to undecodable paths and stays up (issue 13: GET /% killed it)', async () => {
    for (const path of ['/%', '/%zz', '/%E0%A4%A', '/a%00b']) {
      expect((await fetch(`${server.origin}${path}`)).status).toBe(400);
    }
    expect((await fetch(server.origin)).status).toBe(200);
  });
});
