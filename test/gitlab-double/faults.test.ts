/** The fault controls added for quality F1, F9 and F12, and GitLab's external_url. */
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { f9DoneMarker } from './faults/f9-inputs';
import { startGitlabDouble, type GitlabDouble } from './index';
import { api, connectTerminal, terminalUrl, user } from './support/clients';

describe('fault controls (gitlab-double-control.md, additions)', () => {
  let double: GitlabDouble;

  beforeAll(async () => {
    double = await startGitlabDouble();
  });
  afterAll(async () => {
    await double.close();
  });

  async function admin(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${double.adminUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  const newJob = (): number => double.createJob({ user: 'alice', mode: 'shell' }).id;
  const alice = (): string => user(double, 'alice').cookie;

  it.each(['fin', 'rst'])(
    'connection-cut %s drops every open terminal connection',
    async (fault) => {
      const client = await connectTerminal(terminalUrl(double, newJob()), { cookie: alice() });
      await client.waitForOutput('$ ');
      const answer = await admin('connection-cut', { fault });
      expect(answer).toEqual({ status: 200, json: { cut: 1 } });
      // No Close frame either way: the client sees an abnormal closure.
      expect((await client.closed).code).toBe(1006);
    },
  );

  it('link shape: the handshake answer arrives in 1-byte segments, and the terminal works', async () => {
    expect((await admin('link', { latency_ms: 5, segment_bytes: 1 })).status).toBe(200);
    try {
      const url = new URL(terminalUrl(double, newJob()).replace(/^ws/, 'http'));
      const reads = await new Promise<number>((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname);
        let count = 0;
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          count += 1;
          text += chunk.toString('latin1');
          if (text.includes('\r\n\r\n')) {
            socket.destroy();
            resolve(count);
          }
        });
        socket.on('error', reject);
        socket.write(
          `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: Upgrade\r\n` +
            `Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
            `Sec-WebSocket-Protocol: terminal.gitlab.com\r\nCookie: ${alice()}\r\n\r\n`,
        );
      });
      // "HTTP/1.1 101 Switching Protocols" alone is 32 bytes; whole, it would be one or two reads.
      expect(reads).toBeGreaterThan(32);
      const client = await connectTerminal(terminalUrl(double, newJob()), { cookie: alice() });
      client.send('echo slow-$((2*21))\r');
      await client.waitForOutput('slow-42');
      client.ws.close(1000);
      await client.closed;
    } finally {
      await admin('link', {});
    }
  });

  it('jobs/:id/f9 makes the attached shell print a line without newline, then a marker', async () => {
    const job = newJob();
    const client = await connectTerminal(terminalUrl(double, job), { cookie: alice() });
    await client.waitForOutput('$ ');
    expect((await admin(`jobs/${job}/f9`, { kind: 'long-line', bytes: 5000 })).status).toBe(200);
    await client.waitForOutput(f9DoneMarker('long-line'));
    expect(client.text()).toContain(`${'x'.repeat(5000)}\r\n${f9DoneMarker('long-line')}`);
    expect((await admin(`jobs/${job}/f9`, { kind: 'osc', bytes: 100 })).status).toBe(200);
    await client.waitForOutput(`\x1b]0;${'x'.repeat(100)}\x07`);
    client.ws.close(1000);
    await client.closed;
  });

  it('external-url changes the API web_url only, and null restores it', async () => {
    const job = newJob();
    const token = user(double, 'alice').token;
    expect((await admin('external-url', { url: 'https://gitlab.internal/root/' })).status).toBe(
      200,
    );
    const moved = (await (await api(double, `/projects/41/jobs/${job}`, { token })).json()) as {
      web_url: string;
    };
    expect(moved.web_url).toBe(`https://gitlab.internal/root/acme/platform/api/-/jobs/${job}`);
    expect((await admin('external-url', { url: null })).status).toBe(200);
    const back = (await (await api(double, `/projects/41/jobs/${job}`, { token })).json()) as {
      web_url: string;
    };
    expect(back.web_url).toBe(`${double.url}/acme/platform/api/-/jobs/${job}`);
  });

  it.each([
    ['connection-cut', { fault: 'fin-ish' }, /fault must be fin\|rst/],
    ['link', { segment_bytes: 0 }, /segment_bytes must be a whole number/],
    ['link', { latency_ms: -1 }, /latency_ms must be a whole number/],
    ['external-url', { url: 'ftp://x' }, /http\(s\)/],
    ['jobs/5001/f9', { kind: 'huge' }, /kind must be long-line\|osc/],
  ])('POST %s %j is refused with 400', async (path, body, message) => {
    const answer = await admin(path, body);
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(message);
  });

  it('refuses f9 for a job without an attached terminal', async () => {
    const answer = await admin(`jobs/${newJob()}/f9`, { kind: 'osc' });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(/no terminal attached/);
  });
});
