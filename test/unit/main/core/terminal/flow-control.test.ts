import { describe, expect, it } from 'vitest';
import { FlowControl, type FlowLimits } from '../../../../../src/main/core/terminal/flow-control';

const limits: FlowLimits = { high: 100, low: 20, hardCap: 300, readAhead: 0 };

function setup(): { flow: FlowControl; calls: string[] } {
  const calls: string[] = [];
  const flow = new FlowControl(
    {
      pause: () => calls.push('pause'),
      resume: () => calls.push('resume'),
    },
    limits,
  );
  return { flow, calls };
}

describe('FlowControl', () => {
  it('pauses early by the read-ahead, so what arrives after pause() stays under the watermark', () => {
    const calls: string[] = [];
    const flow = new FlowControl(
      { pause: () => calls.push('pause'), resume: () => calls.push('resume') },
      { ...limits, readAhead: 30 },
    );
    expect(flow.admit(70)).toBe(true);
    expect(calls).toEqual([]);
    expect(flow.admit(1)).toBe(true);
    expect(calls).toEqual(['pause']);
    // What the socket had already read still arrives: within the read-ahead, under the watermark.
    expect(flow.admit(29)).toBe(true);
    expect(flow.unacked).toBeLessThanOrEqual(limits.high);
  });

  it('pauses once above the high watermark and resumes only at or below the low one', () => {
    const { flow, calls } = setup();
    expect(flow.admit(100)).toBe(true);
    expect(calls).toEqual([]);
    expect(flow.admit(1)).toBe(true);
    expect(calls).toEqual(['pause']);
    expect(flow.admit(50)).toBe(true);
    expect(calls).toEqual(['pause']);
    expect(flow.unacked).toBe(151);
    flow.ack(100);
    expect(flow.unacked).toBe(51);
    expect(calls).toEqual(['pause']);
    flow.ack(31);
    expect(flow.unacked).toBe(20);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.paused).toBe(false);
  });

  it('drops output beyond the hard cap, counts it, and reports it once the renderer caught up', () => {
    const { flow } = setup();
    expect(flow.admit(250)).toBe(true);
    expect(flow.admit(40)).toBe(true);
    expect(flow.admit(20)).toBe(false);
    expect(flow.admit(5)).toBe(true);
    expect(flow.droppedBytes).toBe(20);
    expect(flow.unacked).toBe(295);
    // Still behind: no notice yet.
    expect(flow.takeDropNotice()).toBeNull();
    flow.ack(280);
    expect(flow.takeDropNotice()).toBe(20);
    expect(flow.takeDropNotice()).toBeNull();
    expect(flow.droppedBytes).toBe(20);
  });

  it('counts markers without ever dropping them', () => {
    const { flow, calls } = setup();
    flow.admit(290);
    flow.admitMarker(50);
    expect(flow.unacked).toBe(340);
    expect(calls).toEqual(['pause']);
  });

  it('ignores acks beyond what was sent, so a confused renderer cannot unlock unbounded output', () => {
    const { flow } = setup();
    flow.admit(10);
    flow.ack(1_000_000);
    expect(flow.unacked).toBe(0);
    flow.admit(101);
    expect(flow.paused).toBe(true);
  });

  it('re-applies the pause to a new socket', () => {
    const { flow, calls } = setup();
    flow.admit(150);
    flow.reapply();
    expect(calls).toEqual(['pause', 'pause']);
    flow.ack(150);
    calls.length = 0;
    flow.reapply();
    expect(calls).toEqual([]);
  });
});
