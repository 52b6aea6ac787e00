/** How sessions end, and reconnects, against the GitLab double. */
import { afterEach, describe, expect, it } from 'vitest';
import { endScriptIntoHold, jobPassed, waitForEvent } from '../../../../gitlab-double';
import {
  FAST_RECONNECT,
  FAST_TUNING,
  startWithShell,
  type Harness,
  type HarnessOptions,
} from './harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Opens a shell session and remembers its harness for afterEach. */
async function openOn(
  options: HarnessOptions,
  spec: Parameters<typeof startWithShell>[1] = {},
): ReturnType<typeof startWithShell> {
  const opened = await startWithShell(options, spec);
  h = opened.harness;
  return opened;
}

describe('terminal lifecycle', () => {
  it('closing the tab during a hold releases the job at once', async () => {
    const { harness, id, jobId } = await openOn({});
    await endScriptIntoHold(harness.gl, jobId);
    const disconnected = waitForEvent(
      harness.gl,
      'log',
      (e) => e.jobId === jobId && e.line.includes('Terminal disconnected'),
    );
    const finished = jobPassed(harness.gl, jobId);
    const gone = waitForEvent(harness.gl, 'terminal-disconnected', (e) => e.jobId === jobId);
    harness.service.close(id);
    expect(harness.service.list()).toEqual([]);
    expect((await gone).reason).toBe('client-close');
    await disconnected;
    await finished;
  });

  it('release keeps the tab with the reason, and the held job finishes', async () => {
    const { harness, id, jobId } = await openOn({});
    await endScriptIntoHold(harness.gl, jobId);
    const finished = jobPassed(harness.gl, jobId);
    harness.service.release(id);
    const state = await harness.renderer.waitForState(id, 'closed');
    expect(state.reason.code).toBe('released');
    await finished;
    await harness.renderer.waitForText(id, '── session ended: Released');
  });

  it('a docker job ending its script ends the terminal with "job finished", without reconnecting', async () => {
    const { harness, id, jobId } = await openOn(
      { service: { tuning: FAST_RECONNECT } },
      { mode: 'docker' },
    );
    harness.gl.endScript(jobId);
    // The first closed state is the verdict: 'checking' comes before it, never a provisional one.
    const state = await harness.renderer.waitForState(id, 'closed');
    expect(state.reason).toMatchObject({
      code: 'job-finished',
      message: expect.stringMatching(/passed/) as string,
    });
    expect(harness.gl.counters().handshakes).toEqual({ '101': 1 });
    expect(harness.service.list()[0]?.connections).toBe(1);
  });

  it('the hold timing out is named as such', async () => {
    const { harness, id, jobId } = await openOn({
      double: { sessionTimeoutS: 1 },
      service: { tuning: FAST_RECONNECT },
    });
    const timedOut = waitForEvent(
      harness.gl,
      'log',
      (e) => e.jobId === jobId && e.line.includes('timed out'),
    );
    harness.gl.endScript(jobId);
    await timedOut;
    // The first closed state is the verdict: 'checking' comes before it, never a provisional one.
    const state = await harness.renderer.waitForState(id, 'closed');
    expect(state.reason.code).toBe('hold-timed-out');
    expect(harness.gl.counters().handshakes).toEqual({ '101': 1 });
  });

  it('cancelling the job ends the terminal with "job canceled"', async () => {
    const { harness, id, jobId } = await openOn({ service: { tuning: FAST_RECONNECT } });
    harness.gl.cancelJob(jobId);
    // The first closed state is the verdict: 'checking' comes before it, never a provisional one.
    const state = await harness.renderer.waitForState(id, 'closed');
    expect(state.reason.code).toBe('job-canceled');
    expect(harness.gl.counters().handshakes).toEqual({ '101': 1 });
  });

  it('typing exit ends the session as "shell exited" and does not reconnect', async () => {
    const { harness, id, jobId } = await openOn({ service: { tuning: FAST_RECONNECT } });
    const exited = waitForEvent(harness.gl, 'terminal-disconnected', (e) => e.jobId === jobId);
    harness.service.input(id, 'exit\r');
    expect((await exited).reason).toBe('shell-exit');
    // The first closed state is the verdict: 'checking' comes before it, never a provisional one.
    const state = await harness.renderer.waitForState(id, 'closed');
    expect(state.reason.code).toBe('shell-exited');
    expect(harness.gl.counters().handshakes).toEqual({ '101': 1 });
    // A manual reconnect starts a new shell.
    harness.service.reconnect(id);
    await harness.renderer.waitForState(id, 'open');
    await harness.renderer.waitForText(id, 'reconnected: new shell');
    expect(harness.service.list()[0]?.connections).toBe(2);
  });

  it('detects a half-open connection by its silence and reconnects into a new shell', async () => {
    const { harness, id, jobId } = await openOn({ service: { tuning: FAST_TUNING } });
    harness.service.input(id, 'export MARK=old-shell\r');
    const dropped = waitForEvent(harness.gl, 'terminal-disconnected', (e) => e.jobId === jobId);
    harness.gl.halfOpen();
    expect((await dropped).reason).toBe('client-gone');
    await harness.renderer.waitForText(
      id,
      /reconnected: new shell, previous shell state lost[\s\S]*\$ $/,
    );
    const view = harness.service.list()[0];
    expect(view?.state.kind).toBe('open');
    expect(view?.connections).toBe(2);
    harness.service.input(id, 'echo "mark=${MARK:-gone}"\r');
    await harness.renderer.waitForText(id, 'mark=gone');
    // Never two sockets to one job, not even while reconnecting.
    expect(harness.maxConcurrent(jobId)).toBe(1);
    expect(harness.logger.text()).toMatch(/silent/);
  });

  it('reconnects after a drop it cannot explain, and gives up after the bounded attempts', async () => {
    const { harness, id, jobId } = await openOn({
      service: { tuning: { ...FAST_TUNING, maxReconnectAttempts: 2 } },
    });
    // The runner becomes unreachable: every reconnect gets a 500.
    harness.gl.setRunnerFault(jobId, 'unreachable');
    harness.gl.halfOpen();
    const state = await harness.renderer.waitForState(id, 'closed', (s) =>
      /Gave up/.test(s.reason.message),
    );
    expect(['runner-unavailable', 'already-attached']).toContain(state.reason.code);
    expect(harness.gl.counters().handshakes).toEqual({ '101': 1, '500': 2 });
    expect(harness.maxConcurrent(jobId)).toBe(1);
  });
});
