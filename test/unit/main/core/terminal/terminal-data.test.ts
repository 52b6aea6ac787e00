/** The data path against the GitLab double: real sockets, real shells, real flow control. */
import { afterEach, describe, expect, it } from 'vitest';
import { waitForEvent } from '../../../../gitlab-double';
import { HIGH_WATERMARK_BYTES } from '../../../../../src/main/core/terminal/flow-control';
import { startHarness, seededJob, type Harness } from './harness';

/** Enough pings from the double to know time passed while the socket stayed paused. */
const PINGS_WHILE_PAUSED = 3;

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function openShell(harness: Harness, name = 'rspec'): Promise<{ id: string; jobId: number }> {
  const job = seededJob(harness.gl, name);
  const id = await harness.openJob(job.id);
  await harness.renderer.waitForState(id, 'open');
  await harness.renderer.waitForText(id, `job-${job.id}$ `);
  return { id, jobId: job.id };
}

describe('terminal data path', () => {
  it("opens a shell on alice's job and runs a command", async () => {
    h = await startHarness();
    const { id, jobId } = await openShell(h);
    h.service.input(id, 'echo hello-$((20+22))\r');
    await h.renderer.waitForText(id, 'hello-42');
    const view = h.service.list().find((s) => s.id === id);
    expect(view).toMatchObject({
      jobId,
      jobName: 'rspec',
      projectPath: 'acme/platform/api',
      connections: 1,
    });
    expect(view?.lastInputAt).not.toBeNull();
    expect(view?.lastOutputAt).not.toBeNull();
    // The socket offered exactly the binary subprotocol and no Origin: the double accepted it.
    expect(h.gl.counters().handshakes).toEqual({ '101': 1 });
  });

  it('passes a 4-byte character split across frames through as the same bytes', async () => {
    h = await startHarness({ double: { utf8Split: 'always' } });
    const { id } = await openShell(h);
    // printf with octal escapes: the command line itself is ASCII, only the output holds 😀.
    h.service.input(id, "printf 'A\\360\\237\\230\\200Z\\n'\r");
    await h.renderer.waitForText(id, 'A😀Z');
    const bytes = h.renderer.bytes(id);
    expect(Buffer.from(bytes).includes(Buffer.from([0x41, 0xf0, 0x9f, 0x98, 0x80, 0x5a]))).toBe(
      true,
    );
  });

  it('passes invalid UTF-8 and NUL bytes through untouched (quality F10)', async () => {
    h = await startHarness({ double: { utf8Split: 'random' } });
    const { id } = await openShell(h);
    h.service.input(id, "printf 'B\\377\\376\\000\\300E\\n'\r");
    await h.renderer.waitFor('the raw bytes', () =>
      Buffer.from(h?.renderer.bytes(id) ?? []).includes(
        Buffer.from([0x42, 0xff, 0xfe, 0x00, 0xc0, 0x45]),
      ),
    );
    expect(h.service.list()[0]?.state.kind).toBe('open');
  });

  it('keeps up with `yes` while the renderer acks, and Ctrl-C brings the prompt back', async () => {
    h = await startHarness();
    h.renderer.keepBytes = false;
    const { id, jobId } = await openShell(h);
    h.service.input(id, 'yes flood-line\r');
    await h.renderer.waitFor(
      'a megabyte of flood',
      () => h !== null && h.renderer.received(id) > 1024 * 1024,
    );
    h.service.input(id, '\x03');
    h.service.input(id, 'echo after-$((6*7))\r');
    await h.renderer.waitForText(
      id,
      new RegExp(`after-42\\r\\n(?:\\x1b\\[\\?2004h)?job-${jobId}\\$ $`),
      20_000,
    );
    expect(h.service.flowStats(id)?.droppedBytes).toBe(0);
    expect(h.renderer.maxUnacked.get(id) ?? 0).toBeLessThanOrEqual(HIGH_WATERMARK_BYTES);
  });

  it('pauses the socket for a renderer that does not ack, loses nothing, and resumes on acks', async () => {
    h = await startHarness({ double: { pingIntervalMs: 100 } });
    const harness = h;
    harness.renderer.keepBytes = false;
    const { id, jobId } = await openShell(harness);
    harness.renderer.autoAck = false;
    // Everything so far (the prompt) was acked; from here on the renderer holds every byte.
    const baseline = harness.renderer.received(id);
    expect(harness.service.flowStats(id)?.unackedBytes).toBe(0);
    harness.service.input(id, 'yes flood-line\r');
    await harness.renderer.waitFor(
      'the socket to pause',
      () => harness.service.flowStats(id)?.paused === true,
    );
    // Let time pass on the double's clock (its pings), with the renderer still not acking.
    for (let i = 0; i < PINGS_WHILE_PAUSED; i += 1) {
      await waitForEvent(harness.gl, 'ping-sent', (e) => e.jobId === jobId);
    }
    const stats = harness.service.flowStats(id);
    expect(stats?.paused).toBe(true);
    expect(stats?.unackedBytes ?? Infinity).toBeLessThanOrEqual(HIGH_WATERMARK_BYTES);
    expect(harness.renderer.maxUnacked.get(id) ?? Infinity).toBeLessThanOrEqual(
      HIGH_WATERMARK_BYTES,
    );
    // The core holds no more than that: everything else waits in TCP and in the runner's PTY.
    expect(harness.renderer.received(id) - baseline).toBeLessThanOrEqual(stats?.unackedBytes ?? 0);
    expect(harness.gl.counters().bytes_out).toBeGreaterThan(harness.renderer.received(id));

    // Stop the flood, then let the renderer catch up: everything the double sent arrives.
    harness.service.input(id, '\x03');
    harness.service.input(id, 'echo drained-$((6*7))\r');
    harness.renderer.autoAck = true;
    harness.service.ack(id, harness.service.flowStats(id)?.unackedBytes ?? 0);
    await harness.renderer.waitForText(id, 'drained-42', 30_000);
    await harness.renderer.waitForText(id, new RegExp(`job-${jobId}\\$ $`));
    expect(harness.service.flowStats(id)).toMatchObject({ paused: false, droppedBytes: 0 });
    expect(harness.renderer.received(id)).toBe(harness.gl.counters().bytes_out);
  });

  it('keeps two sessions apart', async () => {
    h = await startHarness();
    const a = await openShell(h, 'rspec');
    const b = await openShell(h, 'e2e:chrome');
    h.service.input(a.id, 'echo from-$((1+1))-a\r');
    h.service.input(b.id, 'echo from-$((1+2))-b\r');
    await h.renderer.waitForText(a.id, 'from-2-a');
    await h.renderer.waitForText(b.id, 'from-3-b');
    expect(h.renderer.text(a.id)).not.toContain('from-3-b');
    expect(h.renderer.text(b.id)).not.toContain('from-2-a');
    expect(
      h.service
        .list()
        .map((s) => s.jobId)
        .sort(),
    ).toEqual([a.jobId, b.jobId].sort());
  });

  it('returns the existing session for a second open, focuses it, and never makes a second socket', async () => {
    h = await startHarness();
    const job = seededJob(h.gl, 'rspec');
    const [first, second] = await Promise.all([
      h.service.open({
        kind: 'job',
        accountId: 'acc-alice',
        projectId: job.project_id,
        jobId: job.id,
      }),
      h.service.open({ kind: 'url', url: `${job.web_url}/terminal` }),
    ]);
    expect(second.sessionId).toBe(first.sessionId);
    await h.renderer.waitForState(first.sessionId, 'open');
    const third = await h.service.open({ kind: 'url', url: `${job.web_url}?x=1#top` });
    expect(third).toEqual({ sessionId: first.sessionId, existed: true });
    expect(h.renderer.focused.filter((id) => id === first.sessionId).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(h.service.list()).toHaveLength(1);
    expect(h.gl.counters().handshakes).toEqual({ '101': 1 });
  });

  it('refuses input while not open instead of queueing it for the next shell', async () => {
    h = await startHarness();
    h.gl.setHandshakeDelay(500);
    const job = seededJob(h.gl, 'rspec');
    const id = await h.openJob(job.id);
    h.service.input(id, 'echo queued-$((1+1))\r');
    await h.renderer.waitForState(id, 'open');
    h.service.input(id, 'echo live-$((2+2))\r');
    await h.renderer.waitForText(id, 'live-4');
    expect(h.renderer.text(id)).not.toContain('queued-2');
    expect(h.logger.text()).toMatch(/input dropped/);
  });

  it('pastes sanitised, chunked text and types stty for an explicit size sync', async () => {
    h = await startHarness();
    const { id, jobId } = await openShell(h);
    const inputs: Buffer[] = [];
    const stop = h.gl.events.on('shell-input', (e) => {
      if (e.jobId === jobId) inputs.push(e.bytes);
    });
    const long = 'x'.repeat(10_000);
    h.service.paste(id, `echo ${long.length}-\x1b[201~$((1+1))\n`, false);
    await h.renderer.waitForText(id, '10000-');
    stop();
    const typed = Buffer.concat(inputs);
    expect(typed.includes(Buffer.from('\x1b[201~'))).toBe(false);
    expect(typed.toString()).toContain(`echo ${long.length}-$((1+1))\r`);
    expect(Math.max(...inputs.map((b) => b.length))).toBeLessThanOrEqual(4096);
    h.service.syncSize(id, 120, 40);
    h.service.input(id, 'stty size\r');
    await h.renderer.waitForText(id, '40 120');
    const cast = h.service.transcript(id, 'asciicast');
    expect(JSON.parse(cast.content.split('\n')[0] ?? '')).toMatchObject({ width: 120, height: 40 });
  });

  it('saves transcripts of a real session', async () => {
    h = await startHarness();
    const { id, jobId } = await openShell(h);
    h.service.input(id, 'printf "\\033[31mred-%s\\033[0m\\n" $((40+2))\r');
    await h.renderer.waitForText(id, 'red-42');
    const text = h.service.transcript(id, 'text');
    expect(text.filename).toMatch(new RegExp(`^job-${jobId}-\\d{8}-\\d{6}\\.txt$`));
    expect(text.content).toMatch(/^red-42$/m);
    expect(text.content).not.toContain('\x1b');
    const cast = h.service.transcript(id, 'asciicast');
    const [header, ...events] = cast.content.trimEnd().split('\n');
    expect(JSON.parse(header ?? '')).toMatchObject({
      version: 2,
      jobshell: { job_id: jobId, job_name: 'rspec' },
    });
    expect(events.map((e) => (JSON.parse(e) as [number, string, string])[2]).join('')).toContain(
      '\x1b[31mred-42',
    );
  });

  it('follows the job log: the whole log first, then only what was appended', async () => {
    h = await startHarness({ service: { tuning: { tracePollMs: 50 } } });
    const harness = h;
    const { id, jobId } = await openShell(harness);
    const updates: { text: string; reset: boolean }[] = [];
    const holdLine = new Promise<void>((resolve) => {
      harness.service.onLog((u) => {
        if (u.sessionId !== id) return;
        updates.push(u);
        if (!u.reset && u.text.includes('Terminal is connected')) resolve();
      });
    });
    const first = await harness.service.log(id, true);
    expect(first).toMatchObject({ sessionId: id, reset: true });
    expect(first?.text).toContain('Checking out');
    harness.gl.endScript(jobId);
    await holdLine;
    const whole = (first?.text ?? '') + updates.map((u) => u.text).join('');
    expect(whole).toBe(harness.gl.trace(jobId));
    expect(await harness.service.log(id, false)).toBeNull();
  });
});
