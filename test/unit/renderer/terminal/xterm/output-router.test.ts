import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../../../src/shared/models';
import { FakeScheduler } from '../../../support/fake-scheduler';
import {
  EAGER_ACK_BYTES,
  MAX_WRITE_BYTES,
  OutputRouter,
  TURN_BYTES,
  type OutputSink,
} from '../../../../../src/renderer/terminal/xterm/output-router';

/** The end of the current task: what the router defers its acks to. */
class TaskEnd {
  readonly #deferred: (() => void)[] = [];
  readonly defer = (flush: () => void): void => {
    this.#deferred.push(flush);
  };

  run(): void {
    for (const flush of this.#deferred.splice(0)) flush();
  }
}

/** An xterm stand-in: records writes and parses them only when the test says so. */
class FakeTerminal implements OutputSink {
  readonly written: Uint8Array[] = [];
  readonly #queue: (() => void)[] = [];
  callbacks = 0;

  constructor(private readonly task: TaskEnd) {}

  write(data: Uint8Array, callback?: () => void): void {
    this.written.push(data);
    if (callback !== undefined) this.callbacks += 1;
    this.#queue.push(callback ?? (() => undefined));
  }

  /** xterm parsed everything written so far in one task (callbacks fire in write order). */
  parseAll(): void {
    for (const done of this.#queue.splice(0)) done();
    this.task.run();
  }

  /** xterm parsed the first `count` writes, and its task goes on (acks not sent yet). */
  parseSome(count: number): void {
    for (const done of this.#queue.splice(0, count)) done();
  }
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const chunk = (sessionId: string, data: Uint8Array): OutputChunk => ({ sessionId, data });

function setup(ids: readonly string[]) {
  const task = new TaskEnd();
  const terminals = new Map(ids.map((id) => [id, new FakeTerminal(task)]));
  const acks: [string, number][] = [];
  const router = new OutputRouter(
    (id) => terminals.get(id) ?? null,
    (id, n) => acks.push([id, n]),
    undefined,
    undefined,
    task.defer,
  );
  return { terminals, acks, router, task };
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

  it('acks once per session per parse task, only after xterm parsed the data', () => {
    const { terminals, acks, router } = setup(['a', 'b']);
    router.route([
      chunk('a', new Uint8Array(100)),
      chunk('b', new Uint8Array(7)),
      chunk('a', new Uint8Array(50)),
    ]);
    expect(acks).toEqual([]);
    expect(router.pendingBytes).toBe(157);
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

  it('acks what one parse task got through, before the rest is parsed', () => {
    const { terminals, acks, router, task } = setup(['a']);
    router.route([chunk('a', new Uint8Array(10))]);
    router.route([chunk('a', new Uint8Array(20))]);
    expect(router.pendingFor('a')).toBe(30);
    terminals.get('a')?.parseSome(1);
    expect(acks).toEqual([]);
    task.run();
    expect(acks).toEqual([['a', 10]]);
    expect(router.pendingFor('a')).toBe(20);
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
    const { terminals, acks, router, task } = setup(['a']);
    router.route([chunk('a', new Uint8Array(40))]);
    router.forget('a');
    task.run();
    expect(acks).toEqual([['a', 40]]);
    terminals.get('a')?.parseAll();
    expect(acks).toEqual([['a', 40]]);
    expect(router.pendingBytes).toBe(0);
  });
});

describe('OutputRouter scheduling', () => {
  function prioritySetup(ids: readonly string[], front?: ReadonlySet<string>) {
    const order: string[] = [];
    const task = new TaskEnd();
    const terminals = new Map(
      ids.map((id) => {
        const terminal = new FakeTerminal(task);
        const write = terminal.write.bind(terminal);
        terminal.write = (data, callback) => {
          order.push(id);
          write(data, callback);
        };
        return [id, terminal];
      }),
    );
    const acks: [string, number][] = [];
    const scheduler = new FakeScheduler();
    const router = new OutputRouter(
      (id) => terminals.get(id) ?? null,
      (id, n) => acks.push([id, n]),
      (id) => front?.has(id) ?? true,
      scheduler,
      task.defer,
    );
    return { terminals, acks, router, order, scheduler };
  }

  it('writes the front session first, then the others smallest first', () => {
    const { router, order, terminals, scheduler } = prioritySetup(
      ['flood', 'small', 'front'],
      new Set(['front']),
    );
    router.route([
      chunk('flood', new Uint8Array(5000)),
      chunk('small', new Uint8Array(3)),
      chunk('front', new Uint8Array(4000)),
    ]);
    expect(order).toEqual(['front', 'small']);
    terminals.get('small')?.parseAll();
    scheduler.advance(0);
    expect(order).toEqual(['front', 'small', 'flood']);
  });

  it('among sessions in front, writes the smallest first', () => {
    const { router, order } = prioritySetup(['flood', 'small']);
    router.route([chunk('flood', new Uint8Array(5000)), chunk('small', new Uint8Array(3))]);
    expect(order).toEqual(['small', 'flood']);
  });

  it('keeps arrival order between sessions that tie', () => {
    const { router, order } = prioritySetup(['a', 'b']);
    router.route([chunk('b', new Uint8Array(8)), chunk('a', new Uint8Array(8))]);
    expect(order).toEqual(['b', 'a']);
  });

  it('cuts large chunks into bounded pieces, in order, bytes untouched', () => {
    const { terminals, router } = prioritySetup(['a']);
    const size = MAX_WRITE_BYTES * 2 + 5;
    const data = Uint8Array.from({ length: size }, (_, i) => i % 251);
    router.route([chunk('a', data), chunk('a', bytes(7))]);
    const written = terminals.get('a')?.written ?? [];
    expect(written.map((d) => d.byteLength)).toEqual([MAX_WRITE_BYTES, MAX_WRITE_BYTES, 5, 1]);
    expect(written.every((d) => d.byteLength <= MAX_WRITE_BYTES)).toBe(true);
    const joined = new Uint8Array(written.reduce((n, d) => n + d.byteLength, 0));
    let at = 0;
    for (const d of written) {
      joined.set(d, at);
      at += d.byteLength;
    }
    expect([...joined]).toEqual([...data, 7]);
  });

  it('acks the pieces of a sliced flush as they are parsed, one ack per parse task', () => {
    const { terminals, acks, router } = prioritySetup(['a']);
    router.route([chunk('a', new Uint8Array(MAX_WRITE_BYTES * 3))]);
    const terminal = terminals.get('a');
    expect(terminal?.written.length).toBe(3);
    expect(acks).toEqual([]);
    terminal?.parseSome(2);
    terminal?.parseAll();
    expect(acks).toEqual([['a', MAX_WRITE_BYTES * 3]]);
    expect(router.pendingBytes).toBe(0);
  });

  it('acks within a long parse task once EAGER_ACK_BYTES are parsed, the rest at its end', () => {
    const { terminals, acks, router } = prioritySetup(['a']);
    const pieces = EAGER_ACK_BYTES / MAX_WRITE_BYTES + 1;
    router.route([chunk('a', new Uint8Array(MAX_WRITE_BYTES * pieces))]);
    const terminal = terminals.get('a');
    terminal?.parseSome(pieces - 1);
    // The task is still running: the core hears of the first EAGER_ACK_BYTES already.
    expect(acks).toEqual([['a', EAGER_ACK_BYTES]]);
    expect(router.pendingBytes).toBe(MAX_WRITE_BYTES);
    terminal?.parseAll();
    expect(acks).toEqual([
      ['a', EAGER_ACK_BYTES],
      ['a', MAX_WRITE_BYTES],
    ]);
    expect(router.pendingBytes).toBe(0);
  });
});

describe('OutputRouter background pacing', () => {
  function pacedSetup(ids: readonly string[], front: Set<string>) {
    const task = new TaskEnd();
    const terminals = new Map(ids.map((id) => [id, new FakeTerminal(task)]));
    const acks: [string, number][] = [];
    const scheduler = new FakeScheduler();
    const router = new OutputRouter(
      (id) => terminals.get(id) ?? null,
      (id, n) => acks.push([id, n]),
      (id) => front.has(id),
      scheduler,
      task.defer,
    );
    const written = (id: string): number =>
      (terminals.get(id)?.written ?? []).reduce((n, d) => n + d.byteLength, 0);
    return { terminals, acks, router, scheduler, written };
  }

  it('feeds a hidden session at most TURN_BYTES per task, the next turn only after parse and a yield', () => {
    const { terminals, acks, router, scheduler, written } = pacedSetup(['bg'], new Set());
    const size = TURN_BYTES * 3;
    router.route([chunk('bg', new Uint8Array(size))]);
    expect(written('bg')).toBe(TURN_BYTES);
    expect(scheduler.pending).toBe(0);
    scheduler.advance(0);
    expect(written('bg')).toBe(TURN_BYTES);
    terminals.get('bg')?.parseAll();
    expect(written('bg')).toBe(TURN_BYTES);
    expect(acks).toEqual([]);
    scheduler.advance(0);
    expect(written('bg')).toBe(TURN_BYTES * 2);
    terminals.get('bg')?.parseAll();
    scheduler.advance(0);
    terminals.get('bg')?.parseAll();
    expect(written('bg')).toBe(size);
    expect(acks).toEqual([['bg', size]]);
    expect(router.pendingBytes).toBe(0);
  });

  it('writes the front session at once while a hidden one is paced, and keeps each in order', () => {
    const { terminals, acks, router, scheduler, written } = pacedSetup(
      ['bg', 'front'],
      new Set(['front']),
    );
    router.route([
      chunk(
        'bg',
        Uint8Array.from({ length: TURN_BYTES * 2 }, () => 1),
      ),
      chunk('front', bytes(9)),
    ]);
    router.route([chunk('bg', bytes(2)), chunk('front', bytes(8))]);
    expect(terminals.get('front')?.written.map((d) => [...d])).toEqual([[9], [8]]);
    terminals.get('front')?.parseAll();
    expect(acks).toEqual([['front', 2]]);
    for (let turn = 0; turn < 5; turn += 1) {
      terminals.get('bg')?.parseAll();
      scheduler.advance(0);
    }
    const bg = terminals.get('bg')?.written ?? [];
    expect(written('bg')).toBe(TURN_BYTES * 2 + 1);
    expect([...(bg.at(-1) ?? [])]).toEqual([2]);
    expect(bg.slice(0, -1).every((d) => d.every((b) => b === 1))).toBe(true);
    expect(acks.slice(1)).toEqual([
      ['bg', TURN_BYTES * 2],
      ['bg', 1],
    ]);
  });

  it('on forget acks queued background bytes and keeps pacing the others', () => {
    const { terminals, acks, router, scheduler, written } = pacedSetup(['a', 'b'], new Set());
    router.route([
      chunk('a', new Uint8Array(TURN_BYTES * 2)),
      chunk('b', new Uint8Array(TURN_BYTES * 3)),
    ]);
    expect(written('a')).toBe(TURN_BYTES);
    expect(written('b')).toBe(0);
    router.forget('a');
    expect(acks).toEqual([['a', TURN_BYTES * 2]]);
    expect(written('b')).toBe(TURN_BYTES);
    for (let turn = 0; turn < 3; turn += 1) {
      terminals.get('b')?.parseAll();
      scheduler.advance(0);
    }
    terminals.get('a')?.parseAll();
    expect(written('a')).toBe(TURN_BYTES);
    expect(acks).toEqual([
      ['a', TURN_BYTES * 2],
      ['b', TURN_BYTES * 3],
    ]);
    expect(router.pendingBytes).toBe(0);
  });
});
