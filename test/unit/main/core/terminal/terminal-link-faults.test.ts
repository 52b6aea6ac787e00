/**
 * Quality F1 (a real TCP FIN or RST mid-output), F9 (a 10 MiB line without a newline, a 10 MiB OSC
 * string) and F12 (added latency, 1-byte TCP segments) against the double's fault controls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  F9_DEFAULT_BYTES,
  f9DoneMarker,
  type F9Kind,
} from '../../../../gitlab-double/faults/f9-inputs';
import type { ConnectionCut } from '../../../../gitlab-double/faults/link-faults';
import { waitForEvent } from '../../../../gitlab-double';
import { FAST_TUNING, startWithShell, type Harness } from './harness';

/** A 10 MiB input through a real shell, PTY and proxy takes seconds on a loaded machine. */
const F9_WAIT_MS = 120_000;

describe('terminal faults on the wire', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it.each<ConnectionCut>(['fin', 'rst'])(
    'F1: a TCP %s mid-output drops the connection; one automatic reconnect opens a new shell',
    async (cut) => {
      const started = await startWithShell({ service: { tuning: FAST_TUNING } });
      harness = started.harness;
      const { id, jobId } = started;
      harness.renderer.keepBytes = false;
      harness.service.input(id, 'yes flood-line\r');
      await harness.renderer.waitForText(id, 'flood-line\r\nflood-line\r\n');
      const gone = waitForEvent(harness.gl, 'terminal-disconnected', (e) => e.jobId === jobId);
      expect(harness.gl.cutConnections(cut)).toBe(1);
      await gone;
      await harness.renderer.waitForState(
        id,
        'open',
        () => harness?.service.list()[0]?.connections === 2,
      );
      const typed = harness.renderer.received(id);
      harness.service.input(id, 'echo after-$((20+22))\r');
      await harness.renderer.waitFor(
        'the new shell answers',
        () =>
          harness !== null &&
          harness.renderer.received(id) > typed &&
          harness.renderer.text(id).includes('after-42'),
      );
      // The drop was seen as a drop (reconnecting), never as a finished job or a typed exit.
      const states = harness.renderer.history.get(id)?.map((s) => s.kind) ?? [];
      expect(states).toContain('reconnecting');
      expect(states).not.toContain('closed');
      expect(harness.gl.counters().handshakes).toEqual({ '101': 2 });
    },
  );

  it('F12: the terminal opens and works over a link with latency and 1-byte segments', async () => {
    const started = await startWithShell({
      double: { linkLatencyMs: 30, linkSegmentBytes: 1 },
      // The production heartbeat: ws reports a frame only once all of it arrived, and a frame
      // that trickles in byte by byte takes longer than the fast test heartbeat's silence limit.
    });
    harness = started.harness;
    const { id } = started;
    harness.service.input(id, 'echo shaped-$((6*7))\r');
    await harness.renderer.waitForText(id, 'shaped-42');
    // Many small frames, each cut into 1-byte segments, still arrive whole and in order.
    harness.service.input(id, 'seq -f "n%g" 1 200 | tr -d "\\n"; echo\r');
    const expected = Array.from({ length: 200 }, (_, i) => `n${i + 1}`).join('');
    await harness.renderer.waitForText(id, expected);
    expect(harness.service.list()[0]?.connections).toBe(1);
  });

  it.each<F9Kind>(['long-line', 'osc'])(
    'F9: a 10 MiB %s goes through whole and the shell still answers',
    async (kind) => {
      const started = await startWithShell({});
      harness = started.harness;
      const { id, jobId } = started;
      harness.renderer.keepBytes = false;
      harness.gl.typeF9Input(jobId, kind);
      await harness.renderer.waitForText(id, f9DoneMarker(kind), F9_WAIT_MS);
      expect(harness.renderer.received(id)).toBeGreaterThan(F9_DEFAULT_BYTES);
      harness.service.input(id, 'echo alive-$((3*3))\r');
      await harness.renderer.waitForText(id, 'alive-9');
      const view = harness.service.list()[0];
      expect(view?.state.kind).toBe('open');
      expect(view?.droppedBytes).toBe(0);
      expect(view?.connections).toBe(1);
    },
    F9_WAIT_MS + 30_000,
  );
});
