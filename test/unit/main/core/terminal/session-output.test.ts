import { describe, expect, it } from 'vitest';
import { SessionOutput } from '../../../../../src/main/core/terminal/session-output';
import { FakeClock } from '../../../support/fake-clock';

function setup(dropNotices = true): {
  output: SessionOutput;
  forwarded: Uint8Array[];
  calls: string[];
} {
  const forwarded: Uint8Array[] = [];
  const calls: string[] = [];
  const output = new SessionOutput(
    new FakeClock(),
    { pause: () => calls.push('pause'), resume: () => calls.push('resume') },
    (bytes) => forwarded.push(bytes),
    { high: 10, low: 4, hardCap: 20, readAhead: 0 },
    dropNotices,
  );
  return { output, forwarded, calls };
}

const text = (bytes: readonly Uint8Array[]): string =>
  bytes.map((b) => new TextDecoder().decode(b)).join('');

describe('SessionOutput', () => {
  it('drops beyond the hard cap and writes the drop marker once the renderer caught up', () => {
    const { output, forwarded, calls } = setup();
    expect(output.data(new Uint8Array(15).fill(0x61))).toBe(false);
    expect(calls).toEqual(['pause']);
    expect(output.data(new Uint8Array(10).fill(0x62))).toBe(true);
    expect(output.data(new Uint8Array(10).fill(0x63))).toBe(false);
    expect(output.droppedBytes).toBe(20);
    expect(forwarded).toHaveLength(1);
    expect(output.ack(5)).toBe(false);
    expect(output.ack(10)).toBe(true);
    // Resumed; the marker itself then counts as unacked output like any other.
    expect(calls.slice(0, 2)).toEqual(['pause', 'resume']);
    expect(text(forwarded.slice(1))).toContain('[jobshell: 20 bytes of output dropped]');
    expect(output.ack(1000)).toBe(false);
  });

  it('without drop notices, keeps the stream clean and still says when the count is due', () => {
    const { output, forwarded } = setup(false);
    output.data(new Uint8Array(15).fill(0x61));
    output.data(new Uint8Array(10).fill(0x62));
    expect(output.droppedBytes).toBe(10);
    // Caught up: the view must be re-sent so its droppedBytes is reported, but no line is added.
    expect(output.ack(15)).toBe(true);
    expect(text(forwarded)).toBe('a'.repeat(15));
    expect(output.ack(1000)).toBe(false);
  });

  it('forwards exact copies, not views into a larger buffer', () => {
    const { output, forwarded } = setup();
    const big = new Uint8Array(64).fill(7);
    output.data(big.subarray(8, 12));
    expect(forwarded[0]?.byteLength).toBe(4);
    expect(forwarded[0]?.buffer.byteLength).toBe(4);
  });

  it('records markers and output in the transcript, in order', () => {
    const { output } = setup();
    output.data(new TextEncoder().encode('one\r\n'));
    output.marker('\r\n── marker ──\r\n');
    output.ack(100);
    const transcript = output.transcript(
      'text',
      { jobId: 1, jobName: 'j', projectPath: 'p', webUrl: 'u', host: 'h' },
      null,
    );
    expect(transcript.content).toMatch(/one\n\n── marker ──/);
  });
});
