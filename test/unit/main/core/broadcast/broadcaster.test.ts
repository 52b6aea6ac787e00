import { describe, expect, it } from 'vitest';
import { createBroadcaster } from '../../../../../src/main/core/broadcast/broadcaster';
import type { SessionState, SessionView } from '../../../../../src/shared/models';
import { sessionView } from '../history/history-fixtures';

const open: SessionState = { kind: 'open', since: 0 };
const reconnecting: SessionState = {
  kind: 'reconnecting',
  attempt: 2,
  at: 0,
  lastReason: { code: 'connection-lost', message: 'lost' },
};
const ended: SessionState = { kind: 'closed', reason: { code: 'job-finished', message: 'done' } };

function views(...states: SessionState[]): SessionView[] {
  return states.map((state, i) => sessionView(state, { id: `s${i + 1}`, jobName: `job ${i + 1}` }));
}

function setup(list: SessionView[]) {
  const sent: string[] = [];
  let current = list;
  const broadcaster = createBroadcaster(
    {
      input: (id, data) => sent.push(`${id}:${JSON.stringify(data)}`),
      paste: (id, data, bracketed) => sent.push(`${id}:paste:${data}:${String(bracketed)}`),
    },
    () => current,
  );
  const update = (next: SessionView[]): void => {
    current = next;
    broadcaster.sessions(next);
  };
  return { sent, broadcaster, update };
}

describe('broadcast fan-out', () => {
  it('sends each input to every target, byte for byte and in the order typed per target', () => {
    const { sent, broadcaster } = setup(views(open, open, open));
    broadcaster.set(['s1', 's3']);
    for (const key of ['e', 'c', '\x1b[H', '\x1bOF', '\x03', '\r']) broadcaster.input('s3', key);
    const per = (id: string) => sent.filter((s) => s.startsWith(`${id}:`)).map((s) => s.slice(3));
    expect(per('s1')).toEqual(['"e"', '"c"', '"\\u001b[H"', '"\\u001bOF"', '"\\u0003"', '"\\r"']);
    expect(per('s3')).toEqual(per('s1'));
    expect(per('s2')).toEqual([]);
  });

  it('input typed into a tab that is not a target goes to that tab alone', () => {
    const { sent, broadcaster } = setup(views(open, open, open));
    broadcaster.set(['s1', 's3']);
    broadcaster.input('s2', 'x');
    expect(sent).toEqual(['s2:"x"']);
  });

  it('skips ended and reconnecting targets and shows why', () => {
    const { sent, broadcaster, update } = setup(views(open, open, open));
    broadcaster.set(['s1', 's2', 's3']);
    update(views(open, reconnecting, ended));
    broadcaster.input('s1', 'ls\r');
    expect(sent).toEqual(['s1:"ls\\r"']);
    expect(broadcaster.view().targets.map((t) => [t.sessionId, t.status])).toEqual([
      ['s1', { kind: 'live' }],
      ['s2', { kind: 'skipped', reason: 'reconnecting' }],
      ['s3', { kind: 'skipped', reason: 'ended' }],
    ]);
  });

  it('wraps a paste per target by its own bracketed-paste mode', () => {
    const { sent, broadcaster } = setup(views(open, open));
    broadcaster.set(['s1', 's2']);
    broadcaster.paste('s1', 'make', [
      { sessionId: 's1', bracketed: true },
      { sessionId: 's2', bracketed: false },
    ]);
    expect(sent).toEqual(['s1:paste:make:true', 's2:paste:make:false']);
  });

  it('drops targets whose tab was closed, and stops with an empty list', () => {
    const changes: number[] = [];
    const { broadcaster, update, sent } = setup(views(open, open));
    broadcaster.onChange((view) => changes.push(view.targets.length));
    broadcaster.set(['s1', 's2', 'unknown']);
    update(views(open).slice(0, 1));
    expect(broadcaster.view().targets.map((t) => t.sessionId)).toEqual(['s1']);
    broadcaster.set([]);
    broadcaster.input('s1', 'a');
    expect(sent).toEqual(['s1:"a"']);
    expect(changes).toEqual([2, 1, 0]);
  });
});
