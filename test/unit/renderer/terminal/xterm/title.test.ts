import { describe, expect, it } from 'vitest';
import {
  MAX_TITLE_LENGTH,
  sanitizeTitle,
  TITLE_MIN_INTERVAL_MS,
  TitleThrottle,
} from '../../../../../src/renderer/terminal/xterm/title';
import { FakeScheduler } from '../../../support/fake-scheduler';

describe('sanitizeTitle', () => {
  it('removes control, bidi and zero-width characters and collapses whitespace', () => {
    expect(sanitizeTitle('a\u0007b\u001b[31mc\u009b')).toBe('a b [31mc');
    expect(sanitizeTitle('evil\u202Etxt.exe')).toBe('evil txt.exe');
    expect(sanitizeTitle('  x \t\n  y\u200B ')).toBe('x y');
  });

  it('keeps markup as plain text (it is rendered as text, never HTML)', () => {
    expect(sanitizeTitle('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('caps the length without cutting a character in half', () => {
    const long = '😀'.repeat(MAX_TITLE_LENGTH + 20);
    const title = sanitizeTitle(long);
    expect(Array.from(title)).toHaveLength(MAX_TITLE_LENGTH);
    expect(title.endsWith('…')).toBe(true);
    expect(title.includes('\ufffd')).toBe(false);
  });
});

describe('TitleThrottle', () => {
  it('emits the first title at once, then at most one per interval, ending on the latest', () => {
    const clock = new FakeScheduler();
    const seen: string[] = [];
    const throttle = new TitleThrottle(clock, (t) => seen.push(t));
    throttle.push('one');
    expect(seen).toEqual(['one']);
    for (let i = 0; i < 10_000; i += 1) throttle.push(`t${i}`);
    expect(seen).toEqual(['one']);
    expect(clock.pending).toBe(1);
    clock.advance(TITLE_MIN_INTERVAL_MS);
    expect(seen).toEqual(['one', 't9999']);
  });

  it('does not re-emit an unchanged title', () => {
    const clock = new FakeScheduler();
    const seen: string[] = [];
    const throttle = new TitleThrottle(clock, (t) => seen.push(t));
    throttle.push('same');
    clock.advance(TITLE_MIN_INTERVAL_MS);
    throttle.push('same\u0007');
    clock.advance(TITLE_MIN_INTERVAL_MS);
    expect(seen).toEqual(['same']);
  });

  it('bounds the rate: 4 per second at most under a flood', () => {
    const clock = new FakeScheduler();
    let count = 0;
    const throttle = new TitleThrottle(clock, () => (count += 1));
    for (let ms = 0; ms < 1000; ms += 1) {
      throttle.push(`title ${ms}`);
      clock.advance(1);
    }
    expect(count).toBeLessThanOrEqual(1000 / TITLE_MIN_INTERVAL_MS + 1);
    expect(count).toBeGreaterThanOrEqual(1000 / TITLE_MIN_INTERVAL_MS);
  });

  it('drops a pending title on dispose', () => {
    const clock = new FakeScheduler();
    const seen: string[] = [];
    const throttle = new TitleThrottle(clock, (t) => seen.push(t));
    throttle.push('a');
    throttle.push('b');
    throttle.dispose();
    clock.advance(TITLE_MIN_INTERVAL_MS * 2);
    expect(seen).toEqual(['a']);
  });
});
