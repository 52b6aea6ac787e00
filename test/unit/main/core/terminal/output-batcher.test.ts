import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../../../src/shared/models';
import { OutputBatcher } from '../../../../../src/main/core/terminal/output-batcher';
import { FakeClock } from '../../../support/fake-clock';

function setup(): {
  clock: FakeClock;
  batcher: OutputBatcher;
  flushes: (readonly OutputChunk[])[];
} {
  const clock = new FakeClock();
  const flushes: (readonly OutputChunk[])[] = [];
  const batcher = new OutputBatcher(clock, (chunks) => flushes.push(chunks), 8, 100);
  return { clock, batcher, flushes };
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('OutputBatcher', () => {
  it('flushes the first output after a quiet period on the next timer turn', () => {
    const { clock, batcher, flushes } = setup();
    batcher.push('a', bytes(1));
    expect(flushes).toHaveLength(0);
    clock.advance(0);
    expect(flushes).toEqual([[{ sessionId: 'a', data: bytes(1) }]]);
  });

  it('coalesces a burst of several sessions into one flush per interval, in order per session', () => {
    const { clock, batcher, flushes } = setup();
    batcher.push('a', bytes(1));
    clock.advance(0);
    batcher.push('a', bytes(2));
    batcher.push('b', bytes(9));
    batcher.push('a', bytes(3, 4));
    clock.advance(7);
    expect(flushes).toHaveLength(1);
    clock.advance(1);
    expect(flushes).toHaveLength(2);
    expect(flushes[1]).toEqual([
      { sessionId: 'a', data: bytes(2, 3, 4) },
      { sessionId: 'b', data: bytes(9) },
    ]);
  });

  it('flushes at once when the byte threshold is reached', () => {
    const { batcher, flushes } = setup();
    batcher.push('a', new Uint8Array(60));
    expect(flushes).toHaveLength(0);
    batcher.push('a', new Uint8Array(40));
    expect(flushes).toHaveLength(1);
    expect(flushes[0]?.[0]?.data.length).toBe(100);
    expect(batcher.pendingBytes).toBe(0);
  });

  it('forgets pending output of a discarded session', () => {
    const { clock, batcher, flushes } = setup();
    batcher.push('a', bytes(1));
    batcher.push('b', bytes(2));
    batcher.discard('a');
    expect(batcher.pendingBytes).toBe(1);
    clock.advance(8);
    expect(flushes).toEqual([[{ sessionId: 'b', data: bytes(2) }]]);
  });

  it('ignores empty pushes and stops on dispose', () => {
    const { clock, batcher, flushes } = setup();
    batcher.push('a', new Uint8Array(0));
    batcher.push('a', bytes(1));
    batcher.dispose();
    clock.advance(100);
    expect(flushes).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });
});
