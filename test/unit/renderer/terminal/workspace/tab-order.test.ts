import { describe, expect, it } from 'vitest';
import {
  cycle,
  moveTab,
  neighbourAfterClose,
  reconcileOrder,
} from '../../../../../src/renderer/terminal/workspace/tab-order';

describe('tab order', () => {
  it('keeps the user order, drops closed tabs and appends new ones', () => {
    expect(reconcileOrder(['c', 'a', 'b'], ['a', 'b', 'c', 'd'])).toEqual(['c', 'a', 'b', 'd']);
    expect(reconcileOrder(['c', 'a', 'b'], ['a', 'c'])).toEqual(['c', 'a']);
    expect(reconcileOrder([], ['x', 'y'])).toEqual(['x', 'y']);
  });

  it('moves a tab before or after another', () => {
    expect(moveTab(['a', 'b', 'c', 'd'], 'a', 'c', false)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveTab(['a', 'b', 'c', 'd'], 'a', 'c', true)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveTab(['a', 'b', 'c', 'd'], 'd', 'a', false)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveTab(['a', 'b'], 'a', 'a', true)).toEqual(['a', 'b']);
    expect(moveTab(['a', 'b'], 'zz', 'a', true)).toEqual(['a', 'b']);
  });

  it('cycles with wrap-around', () => {
    expect(cycle(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(cycle(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(cycle(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(cycle([], null, 1)).toBeNull();
    expect(cycle(['a', 'b'], null, 1)).toBe('a');
  });

  it('activates the right neighbour after a close, else the left one', () => {
    expect(neighbourAfterClose(['a', 'b', 'c'], 'b')).toBe('c');
    expect(neighbourAfterClose(['a', 'b', 'c'], 'c')).toBe('b');
    expect(neighbourAfterClose(['a'], 'a')).toBeNull();
  });
});
