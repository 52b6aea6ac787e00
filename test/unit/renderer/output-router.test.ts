import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../src/shared/models';
import { OutputRouter, type OutputSink } from '../../../src/renderer/terminal/output-router';

/** An xterm stand-in: records writes and parses them only when the test says so. */
class FakeTerminal implements OutputSink {
  readonly written: Uint8Array[] = [];
  readonly #queue: (() => void)[] = [];
  callbacks = 0;

  write(data: Uint8Array, callback?: () => void): void {
    this.written.push(data);
    if (callback !== undefined) this.callbacks += 1;
    this.#queue.push(callback ?? (() => undefined));
  }

  /** xterm parsed everything written so far (callbacks fire in write order). */
  parseAll(): void {
    for (const done of this.#queue.splice(0)) done();
  }
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const chunk = (sessionId: string, data: Uint8Array): OutputChunk => ({ sessionId, data });

function setup(ids: readonly string[]) {
  const terminals = new Map(ids.map((id) => [id, new FakeTerminal()]));
  const acks: [string, number][] = [];
  const router = new OutputRouter(
    (id) => terminals.get(id) ?? null,
    (id, n) => acks.push([id, n]),
  );
  return { terminals, acks, router };
}

describe('OutputRouter', () => {
  it('writes each chunk raw to its own session, in order, split characters untouched', () => {
    const { terminals, router } = setup(['a', 'b']);
    // U+1F600 (F0 9F 98 80) split across two chunks of the same flush, plus another session.
    router.route([
      chunk('a', bytes(0xf0, 0x9f)),
      chunk('b', bytes(0x41)),
      chunk('a', bytes(0x98, 0x80)),
    ]);
    expect(terminals.get('a')?.written.map((d) => [...d])).toEqual([
      [0xf0, 0x9f],
      [0x98, 0x80],
    ]);
    expect(terminals.get('b')?.written.map((d) => [...d])).toEqual([[0x41]]);
  });

  it('acks once per session per flush, only after xterm parsed the data', () => {
    const { terminals, acks, router } = setup(['a', 'b']);
    router.route([
      chunk('a', new Uint8Array(100)),
      chunk('b', new Uint8Array(7)),
      chunk('a', new Uint8Array(50)),
    ]);
    expect(acks).toEqual([]);
    expect(router.pendingBytes).toBe(157);
    expect(terminals.get('a')?.callbacks).toBe(1);
    terminals.get('a')?.parseAll();
    expect(acks).toEqual([['a', 150]]);
    expect(router.pendingFor('a')).toBe(0);
    terminals.get('b')?.parseAll();
    expect(acks).toEqual([
      ['a', 150],
      ['b', 7],
    ]);
    expect(router.pendingBytes).toBe(0);
  });

  it('keeps flushes apart: each is acked when parsed', () => {
    const { terminals, acks, router } = setup(['a']);
    router.route([chunk('a', new Uint8Array(10))]);
    router.route([chunk('a', new Uint8Array(20))]);
    expect(router.pendingFor('a')).toBe(30);
    terminals.get('a')?.parseAll();
    expect(acks).toEqual([
      ['a', 10],
      ['a', 20],
    ]);
  });

  it('acks at once what no terminal will render, so the core never waits on a closed tab', () => {
    const { acks, router } = setup([]);
    router.route([chunk('gone', new Uint8Array(64))]);
    expect(acks).toEqual([['gone', 64]]);
    expect(router.pendingBytes).toBe(0);
  });

  it('skips empty chunks without writing or acking', () => {
    const { terminals, acks, router } = setup(['a']);
    router.route([chunk('a', new Uint8Array(0))]);
    expect(terminals.get('a')?.written).toEqual([]);
    expect(acks).toEqual([]);
  });

  it('on forget acks the bytes a disposed terminal never parsed, and ignores its late callbacks', () => {
    const { terminals, acks, router } = setup(['a']);
    router.route([chunk('a', new Uint8Array(40))]);
    router.forget('a');
    expect(acks).toEqual([['a', 40]]);
    terminals.get('a')?.parseAll();
    expect(acks).toEqual([['a', 40]]);
    expect(router.pendingBytes).toBe(0);
  });
});
