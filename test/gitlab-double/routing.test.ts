import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from './index';
import {
  connectTerminal,
  HandshakeError,
  rawHandshake,
  terminalUrl,
  user,
} from './support/clients';

describe('§8.3 routing and handshake', () => {
  let double: GitlabDouble;
  let rooted: GitlabDouble;
  let cookie: string;

  beforeAll(async () => {
    [double, rooted] = await Promise.all([
      startGitlabDouble(),
      startGitlabDouble({ root: '/gitlab' }),
    ]);
    cookie = user(double, 'alice').cookie;
  });
  afterAll(async () => {
    await Promise.all([double.close(), rooted.close()]);
  });

  const newJob = (d: GitlabDouble): number => d.createJob({ user: 'alice', project: 41 }).id;

  it('8.3-1: terminal.ws with upgrade headers and the right cookie gets 101 with the protocol echoed', async () => {
    const jobId = newJob(double);
    const handshake = waitForEvent(double, 'handshake', (h) =>
      h.path.endsWith(`/${jobId}/terminal.ws`),
    );
    const client = await connectTerminal(terminalUrl(double, jobId), { cookie });
    expect(client.ws.protocol).toBe('terminal.gitlab.com');
    expect((await handshake).status).toBe(101);
    await client.waitForOutput(`job-${jobId}$ `);
    client.ws.close(1000);
    await client.closed;
  });

  it('8.3-2: offering base64 first and binary second still chooses terminal.gitlab.com (server order)', async () => {
    const client = await connectTerminal(terminalUrl(double, newJob(double)), {
      cookie,
      protocols: ['base64.terminal.gitlab.com', 'terminal.gitlab.com'],
    });
    expect(client.ws.protocol).toBe('terminal.gitlab.com');
    client.ws.close(1000);
    await client.closed;
  });

  it('8.3-3: offering only base64.terminal.gitlab.com uses base64 text frames both ways', async () => {
    const jobId = newJob(double);
    const client = await connectTerminal(terminalUrl(double, jobId), {
      cookie,
      protocols: ['base64.terminal.gitlab.com'],
    });
    expect(client.ws.protocol).toBe('base64.terminal.gitlab.com');
    const input = waitForEvent(double, 'shell-input', (e) => e.jobId === jobId);
    client.send(Buffer.from('echo b64-$((40+2))\r').toString('base64'));
    expect((await input).bytes.toString()).toBe('echo b64-$((40+2))\r');
    await client.waitForOutput('b64-42');
    expect(client.frames.length).toBeGreaterThan(0);
    expect(client.frames.every((f) => !f.binary)).toBe(true);
    expect(client.frames.every((f) => /^[A-Za-z0-9+/]*={0,2}$/.test(f.data.toString()))).toBe(true);
    client.ws.close(1000);
    await client.closed;
  });

  it('8.3-4: an unknown protocol or none gets 101 without Sec-WebSocket-Protocol', async () => {
    const unknown = await rawHandshake(terminalUrl(double, newJob(double)), {
      Cookie: cookie,
      'Sec-WebSocket-Protocol': 'x-unknown.example',
    });
    expect(unknown.status).toBe(101);
    expect(unknown.headers['sec-websocket-protocol']).toBeUndefined();

    const none = await connectTerminal(terminalUrl(double, newJob(double)), {
      cookie,
      protocols: [],
    });
    expect(none.ws.protocol).toBe('');
    none.ws.close(1000);
    await none.closed;

    // How a strict client reacts: `ws` refuses a 101 that did not echo its protocol.
    await expect(
      connectTerminal(terminalUrl(double, newJob(double)), {
        cookie,
        protocols: ['x-unknown.example'],
      }),
    ).rejects.toThrow(/subprotocol/i);
  });

  it('8.3-5: the same path without upgrade headers is not the websocket handler (400)', async () => {
    const res = await fetch(terminalUrl(double, newJob(double)).replace(/^ws/, 'http'), {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(400);
  });

  it('8.3-6: a numeric project id or a path without /-/ is not matched by the websocket route', async () => {
    const jobId = newJob(double);
    const origin = new URL(double.url).origin.replace(/^http/, 'ws');
    const numeric = await rawHandshake(`${origin}/41/-/jobs/${jobId}/terminal.ws`, {
      Cookie: cookie,
    });
    const noDash = await rawHandshake(`${origin}/acme/platform/api/jobs/${jobId}/terminal.ws`, {
      Cookie: cookie,
    });
    for (const answer of [numeric, noDash]) {
      expect(answer.status).not.toBe(101);
      // Workhorse's denyWebsocket on every non-websocket route.
      expect(answer.status).toBe(400);
      expect(answer.body).toBe('websocket upgrade not allowed\n');
    }
  });

  it('8.3-7: under a relative URL root /gitlab/<path>/-/jobs/<id>/terminal.ws works', async () => {
    const jobId = newJob(rooted);
    const url = terminalUrl(rooted, jobId);
    expect(new URL(url).pathname).toBe(`/gitlab/acme/platform/api/-/jobs/${jobId}/terminal.ws`);
    const client = await connectTerminal(url, { cookie: user(rooted, 'alice').cookie });
    await client.waitForOutput(`job-${jobId}$ `);
    client.ws.close(1000);
    await client.closed;
    // Without the root the path is not GitLab's at all.
    const bare = url.replace('/gitlab/', '/');
    await expect(
      connectTerminal(bare, { cookie: user(rooted, 'alice').cookie }),
    ).rejects.toBeInstanceOf(HandshakeError);
  });
});
