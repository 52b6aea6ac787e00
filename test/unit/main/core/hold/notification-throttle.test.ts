import { describe, expect, it } from 'vitest';
import {
  BURST_WINDOW_MS,
  createNotificationThrottle,
} from '../../../../../src/main/core/hold/notification-throttle';
import type { AppNotification } from '../../../../../src/shared/models';
import { FakeClock } from '../../../support/fake-clock';

const note = (id: string): AppNotification => ({
  id,
  kind: 'held-idle',
  title: `job ${id} is held open`,
  body: '',
  sessionId: id,
  actions: ['release'],
});

describe('notification throttle', () => {
  it('lets a lone notification through at once', () => {
    const clock = new FakeClock();
    const out: AppNotification[] = [];
    const throttle = createNotificationThrottle(clock, (n) => out.push(n));
    throttle.push(note('a'));
    expect(out.map((n) => n.id)).toEqual(['a']);
  });

  it('turns a burst into the first plus one summary', () => {
    const clock = new FakeClock();
    const out: AppNotification[] = [];
    const throttle = createNotificationThrottle(clock, (n) => out.push(n));
    for (const id of ['a', 'b', 'c', 'd']) throttle.push(note(id));
    expect(out.map((n) => n.id)).toEqual(['a']);
    clock.advance(BURST_WINDOW_MS);
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({
      kind: 'summary',
      title: '3 jobs need your attention',
      sessionId: null,
    });
    expect(out[1]?.body.split('\n')).toEqual([
      'job b is held open',
      'job c is held open',
      'job d is held open',
    ]);
  });

  it('sends a single late notification alone, and starts afresh after a quiet window', () => {
    const clock = new FakeClock();
    const out: AppNotification[] = [];
    const throttle = createNotificationThrottle(clock, (n) => out.push(n));
    throttle.push(note('a'));
    clock.advance(1000);
    throttle.push(note('b'));
    clock.advance(BURST_WINDOW_MS);
    expect(out.map((n) => n.id)).toEqual(['a', 'b']);
    clock.advance(BURST_WINDOW_MS * 2);
    throttle.push(note('c'));
    expect(out.map((n) => n.id)).toEqual(['a', 'b', 'c']);
  });
});
