import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../src/shared/event-emitter';

interface Events {
  a: number;
  b: string;
}

describe('typed event emitter', () => {
  it('delivers each event to its named listeners and to catch-all listeners, in order', () => {
    const emitter = createEmitter<Events>();
    const seen: string[] = [];
    emitter.on('a', (n) => seen.push(`a:${n}`));
    emitter.onAny((name, payload) => seen.push(`any:${name}=${String(payload)}`));
    emitter.emit('a', 1);
    emitter.emit('b', 'x');
    expect(seen).toEqual(['a:1', 'any:a=1', 'any:b=x']);
  });

  it('stops delivering after unsubscribe and clear, also for a listener removed mid-emit', () => {
    const emitter = createEmitter<Events>();
    const seen: number[] = [];
    const off = emitter.on('a', (n) => {
      seen.push(n);
      off();
    });
    const offAny = emitter.onAny(() => seen.push(-1));
    emitter.emit('a', 1);
    emitter.emit('a', 2);
    offAny();
    emitter.emit('a', 3);
    expect(seen).toEqual([1, -1, -1]);
    emitter.on('a', (n) => seen.push(n));
    emitter.clear();
    emitter.emit('a', 4);
    expect(seen).toEqual([1, -1, -1]);
  });
});
