import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from './index';
import { connectTerminal, terminalUrl, user, type TerminalClient } from './support/clients';

/** Short stand-ins for Workhorse's 30 s ping and 5 min re-authorisation. */
const PING_MS = 60;
const REAUTH_MS = 120;
/** Enough ticks to show that nothing ends a healthy connection. */
const TICKS = 4;

describe('§8.3 keepalive and lifecycle', () => {
  let double: GitlabDouble;
  let cookie: string;
  const open: TerminalClient[] = [];

  beforeAll(async () => {
    double = await startGitlabDouble({ pingIntervalMs: PING_MS, reauthIntervalMs: REAUTH_MS });
    cookie = user(double, 'alice').cookie;
  });
  afterEach(async () => {
    for (const client of open.splice(0)) {
      client.ws.terminate();
      await client.closed;
    }
  });
  afterAll(async () => {
    await double.close();
  });

  async function attach(
    options: { cookie?: string; autoPong?: boolean } = {},
  ): Promise<{ jobId: number; client: TerminalClient }> {
    const jobId = double.createJob({ user: 'alice', project: 41 }).id;
    const client = await connectTerminal(terminalUrl(double, jobId), {
      cookie: options.cookie ?? cookie,
      autoPong: options.autoPong ?? true,
    });
    open.push(client);
    await client.waitForOutput(`job-${jobId}$ `);
    return { jobId, client };
  }

  function countEvents(
    client: TerminalClient,
    event: 'ping' | 'pong',
    n: number,
  ): Promise<Buffer[]> {
    const payloads: Buffer[] = [];
    return new Promise((resolve) => {
      client.ws.on(event, (data: Buffer) => {
        payloads.push(data);
        if (payloads.length === n) resolve(payloads);
      });
    });
  }

  it('8.3-21: the server pings with an empty payload and does not require the pong', async () => {
    const { client } = await attach({ autoPong: false });
    const pings = await countEvents(client, 'ping', TICKS);
    expect(pings.every((p) => p.length === 0)).toBe(true);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(double.counters().pings_sent).toBeGreaterThanOrEqual(TICKS);
  });

  it('8.3-22: a client ping gets a pong', async () => {
    const { client } = await attach();
    const pong = countEvents(client, 'pong', 1);
    client.ws.ping(Buffer.from('are-you-there'));
    expect((await pong)[0]?.toString()).toBe('are-you-there');
  });

  it('8.3-23: client Close(1000) is echoed with the same code and an empty reason; the shell gets 0x04', async () => {
    const { jobId, client } = await attach();
    const eot = waitForEvent(
      double,
      'shell-input',
      (e) => e.jobId === jobId && e.bytes.equals(Buffer.from([4])),
    );
    const gone = waitForEvent(double, 'terminal-disconnected', (e) => e.jobId === jobId);
    client.ws.close(1000, 'bye from the client');
    const closed = await client.closed;
    expect(closed).toEqual({ code: 1000, reason: '' });
    await eot;
    expect((await gone).reason).toBe('client-close');
  });

  it('8.3-24: the remote shell exiting closes TCP without a Close frame (1006)', async () => {
    const { jobId, client } = await attach();
    const exited = waitForEvent(double, 'shell-exited', (e) => e.jobId === jobId);
    client.send(Buffer.from('exit\r'));
    expect((await client.closed).code).toBe(1006);
    await exited;
  });

  it('8.3-25: re-authorisation uses the handshake cookie; revoked session, ended job or changed runner session drop with 1006', async () => {
    // Revoking ANOTHER session of the same user changes nothing: the original cookie still works.
    const own = double.newSession('alice');
    const other = double.newSession('alice');
    const survivor = await attach({ cookie: own });
    double.revoke({ cookie: other });
    await waitForEvent(double, 'reauthorized', (e) => e.jobId === survivor.jobId && e.ok);
    expect(survivor.client.ws.readyState).toBe(survivor.client.ws.OPEN);

    // Signing out the handshake's session drops the terminal at the next tick.
    const failed = waitForEvent(double, 'reauthorized', (e) => e.jobId === survivor.jobId && !e.ok);
    const res = await fetch(`${double.url}/users/sign_out`, {
      headers: { Cookie: own },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    await failed;
    expect((await survivor.client.closed).code).toBe(1006);

    // A changed runner session (new URL/token) no longer matches the channel.
    const rotated = await attach();
    double.rotateRunnerSession(rotated.jobId);
    const reason = waitForEvent(double, 'terminal-disconnected', (e) => e.jobId === rotated.jobId);
    expect((await rotated.client.closed).code).toBe(1006);
    expect((await reason).reason).toBe('reauth-failed');

    // The job leaving `running` removes the runner session: the runner closes the terminal.
    const ended = await attach();
    double.cancelJob(ended.jobId);
    expect((await ended.client.closed).code).toBe(1006);
  });

  it('8.3-26: MaxSessionTime is null for jobs: no time limit while the script runs', async () => {
    const { jobId, client } = await attach();
    let ok = 0;
    await new Promise<void>((resolve) => {
      const stop = double.events.on('reauthorized', (e) => {
        if (e.jobId !== jobId || !e.ok) return;
        ok += 1;
        if (ok === TICKS) {
          stop();
          resolve();
        }
      });
    });
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    const from = client.output().length;
    client.send(Buffer.from('echo alive\r'));
    await client.waitForOutput('alive\r\n', from);
  });

  it('half-open: terminals stop sending and answering until the client drops them', async () => {
    const { jobId, client } = await attach();
    double.halfOpen();
    const pingsBefore = double.counters().pings_sent;
    let pongs = 0;
    client.ws.on('pong', () => {
      pongs += 1;
    });
    const inputs: Buffer[] = [];
    const stop = double.events.on('shell-input', (e) => {
      if (e.jobId === jobId) inputs.push(e.bytes);
    });
    client.ws.ping();
    client.send(Buffer.from('echo lost\r'));
    // Other live terminals' pings would count too; this one has none, so wait on ticks instead.
    await waitForEvent(double, 'reauthorized', (e) => e.jobId === jobId);
    await waitForEvent(double, 'reauthorized', (e) => e.jobId === jobId);
    stop();
    expect(pongs).toBe(0);
    expect(inputs).toHaveLength(0);
    expect(double.counters().pings_sent).toBe(pingsBefore);
    const gone = waitForEvent(double, 'terminal-disconnected', (e) => e.jobId === jobId);
    client.ws.terminate();
    expect((await gone).reason).toBe('client-gone');
  });
});
