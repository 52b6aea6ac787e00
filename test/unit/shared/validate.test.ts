import { describe, expect, it } from 'vitest';
import * as v from '../../../src/shared/validate';

describe('validate', () => {
  const schema = v.object({
    name: v.string({ min: 1, max: 5 }),
    count: v.optional(v.integer({ min: 0, max: 10 })),
    mode: v.oneOf(['a', 'b']),
    tags: v.array(v.string({ max: 3 }), { max: 2 }),
    note: v.nullable(v.string()),
  });

  it('accepts a well-formed message and drops absent optionals', () => {
    const result = schema.check({ name: 'x', mode: 'a', tags: ['t'], note: null }, '');
    expect(result).toEqual({ ok: true, value: { name: 'x', mode: 'a', tags: ['t'], note: null } });
  });

  it.each([
    [{ name: '', mode: 'a', tags: [], note: null }, 'name must be a string of 1 to 5 characters'],
    [{ name: 'x', mode: 'c', tags: [], note: null }, 'mode must be one of "a", "b"'],
    [
      { name: 'x', mode: 'a', tags: ['long!'], note: null },
      'tags[0] must be a string of at most 3 characters',
    ],
    [
      { name: 'x', mode: 'a', tags: ['a', 'b', 'c'], note: null },
      'tags must be a list of at most 2 items',
    ],
    [
      { name: 'x', mode: 'a', tags: [], note: null, extra: 1 },
      'message has an unknown field "extra"',
    ],
    [
      { name: 'x', mode: 'a', tags: [], note: null, count: 1.5 },
      'count must be an integer from 0 to 10',
    ],
    [
      { name: 'x', mode: 'a', tags: [] },
      'note must be a string of at most 1048576 characters or null',
    ],
    ['text', 'message must be an object with fields name, count, mode, tags, note'],
    [null, 'message must be an object with fields name, count, mode, tags, note'],
  ])('refuses %j with a specific error', (input, error) => {
    expect(schema.check(input, '')).toEqual({ ok: false, error });
  });

  it('checks discriminated variants by kind', () => {
    const s = v.variant({ cookie: v.object({ value: v.string() }), none: v.object({}) });
    expect(s.check({ kind: 'cookie', value: 'v' }, 'session')).toEqual({
      ok: true,
      value: { kind: 'cookie', value: 'v' },
    });
    expect(s.check({ kind: 'other' }, 'session')).toEqual({
      ok: false,
      error: 'session.kind must be one of cookie, none',
    });
    expect(s.check({ kind: 'none', value: 1 }, 'session')).toEqual({
      ok: false,
      error: 'session has an unknown field "value"',
    });
  });

  it('accepts bytes only as Uint8Array within the limit', () => {
    const s = v.bytes({ max: 2 });
    expect(s.check(new Uint8Array([1, 2]), 'b').ok).toBe(true);
    expect(s.check(new Uint8Array([1, 2, 3]), 'b').ok).toBe(false);
    expect(s.check([1, 2], 'b').ok).toBe(false);
  });
});
