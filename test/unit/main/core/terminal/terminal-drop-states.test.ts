/**
 * What a session shows between a drop and its verdict ('checking', never a provisional 'closed'),
 * how removing an account ends its sessions, and the service without markers in the output (as
 * the CLI runs it). All against the GitLab double.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { endScriptIntoHold, jobPassed, waitForEvent } from '../../../../gitlab-double';
import { ACCOUNT_REMOVED } from '../../../../../src/main/core/terminal/close-reasons';
import type { SessionState } from '../../../../../src/shared/models';
import {
  FAST_RECONNECT,
  FAST_TUNING,
  HttpGate,
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
async function openShell(options: HarnessOptions): ReturnType<typeof startWithShell> {
  const opened = await startWithShell(options);
  h = opened.harness;
  return opened;
}

describe('after a drop', () => {
  it('is checking (input refused) while GitLab is asked why, then closed with the verdict only', async () => {
    const gate = new HttpGate();
    const { harness, id, jobId } = await openShell({
      service: { tuning: FAST_RECONNECT },
      http: (inner) => gate.wrap(inner),
    });
    gate.close();
    harness.gl.cancelJob(jobId);
    const published = (): readonly SessionState[] => harness.renderer.history.get(id) ?? [];
    const checking = await harness.renderer.waitForState(id, 'checking');
    expect(checking.since).toBeGreaterThan(0);
    // GitLab's answer is held back, so the renderer is shown 'checking' for as long as it takes.
    await harness.renderer.waitFor('checking published', () =>
      published().some((state) => state.kind === 'checking'),
    );
    expect(gate.held).toBeGreaterThan(0);

    harness.service.input(id, 'echo typed-while-checking\r');
    expect(harness.logger.text()).toMatch(/input dropped[^\n]*checking/);

    gate.open();
    const closed = await harness.renderer.waitForState(id, 'closed');
    expect(closed.reason.code).toBe('job-canceled');
    await harness.renderer.waitFor('closed published', () =>
      published().some((state) => state.kind === 'closed'),
    );
    // 'closed' is final: the only closed state ever published is the verdict.
    expect(published().filter((state) => state.kind === 'closed')).toEqual([closed]);
  });

  it('releasing while checking ends the session at once, and the late verdict changes nothing', async () => {
    const gate = new HttpGate();
    const { harness, id, jobId } = await openShell({
      service: { tuning: FAST_TUNING },
      http: (inner) => gate.wrap(inner),
    });
    gate.close();
    const dropped = waitForEvent(harness.gl, 'terminal-disconnected', (e) => e.jobId === jobId);
    harness.gl.halfOpen();
    expect((await dropped).reason).toBe('client-gone');
    await harness.renderer.waitForState(id, 'checking');

    harness.service.release(id);
    expect((await harness.renderer.waitForState(id, 'closed')).reason.code).toBe('released');

    // The job still runs, so the verdict would have been "reconnect": it must be ignored.
    gate.open();
    await gate.idle();
    await nextTurn();
    expect(harness.service.list()[0]?.state).toMatchObject({
      kind: 'closed',
      reason: { code: 'released' },
    });
    expect(harness.gl.counters().handshakes).toEqual({ '101': 1 });
  });
});

describe('closeAccount', () => {
  it("ends the removed account's sessions with the reason (Close 1000), and only those", async () => {
    const { harness, id, jobId } = await openShell({});
    harness.accounts.list.push(harness.connectionFor('bob'));
    const bobsJob = harness.gl.createJob({ user: 'bob', mode: 'shell' });
    const bobs = await harness.openJob(bobsJob.id, 'acc-bob');
    await harness.renderer.waitForState(bobs, 'open');

    const gone = waitForEvent(harness.gl, 'terminal-disconnected', (e) => e.jobId === jobId);
    harness.service.closeAccount('acc-alice', ACCOUNT_REMOVED);
    const closed = await harness.renderer.waitForState(id, 'closed');
    expect(closed.reason).toEqual({
      code: 'account-removed',
      message: 'The account was removed: its terminals were closed.',
    });
    expect((await gone).reason).toBe('client-close');
    await harness.renderer.waitForText(id, '── session ended: The account was removed');
    // The tab stays (with its reason); bob's terminal is untouched.
    expect(harness.service.list().map((s) => s.id)).toEqual([id, bobs]);
    expect(harness.service.list()[1]?.state.kind).toBe('open');
    expect(harness.gl.counters().handshakes).toEqual({ '101': 2 });
  });

  it('finishes a job the removed account’s terminal was holding', async () => {
    const { harness, jobId } = await openShell({});
    await endScriptIntoHold(harness.gl, jobId);
    const finished = jobPassed(harness.gl, jobId);
    harness.service.closeAccount('acc-alice', ACCOUNT_REMOVED);
    await finished;
  });

  it('keeps the reason of a session that had already ended', async () => {
    const { harness, id } = await openShell({ service: { tuning: FAST_TUNING } });
    harness.service.input(id, 'exit\r');
    expect((await harness.renderer.waitForState(id, 'closed')).reason.code).toBe('shell-exited');
    harness.service.closeAccount('acc-alice', ACCOUNT_REMOVED);
    expect(harness.service.list()[0]?.state).toMatchObject({ reason: { code: 'shell-exited' } });
  });
});

describe('without markers', () => {
  it('writes only the shells’ bytes: no "session ended", no "reconnected" line', async () => {
    const { harness, id } = await openShell({ service: { tuning: FAST_TUNING, markers: false } });
    harness.service.input(id, 'exit\r');
    expect((await harness.renderer.waitForState(id, 'closed')).reason.code).toBe('shell-exited');
    harness.service.reconnect(id);
    await harness.renderer.waitForState(id, 'open');
    harness.service.input(id, 'echo second-$((20+22))\r');
    await harness.renderer.waitForText(id, 'second-42');
    expect(harness.service.list()[0]?.connections).toBe(2);
    const text = harness.renderer.text(id);
    expect(text).not.toContain('session ended');
    expect(text).not.toContain('reconnected');
    expect(text).not.toContain('[jobshell:');
  });
});
