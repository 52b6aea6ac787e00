import { describe, expect, it } from 'vitest';
import {
  countdownUrgency,
  formatCountdown,
  secondsUntil,
} from '../../../../../src/renderer/terminal/workspace/countdown';

describe('countdown', () => {
  it('formats m:ss, then h:mm:ss, rounding up and never negative', () => {
    expect(formatCountdown(24 * 60_000 + 31_000)).toBe('24:31');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(500)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
    expect(formatCountdown(3_600_000 + 65_000)).toBe('1:01:05');
  });

  it('turns to warning under five minutes and to danger under one', () => {
    expect(countdownUrgency(5 * 60_000)).toBe('normal');
    expect(countdownUrgency(5 * 60_000 - 1)).toBe('warning');
    expect(countdownUrgency(60_000)).toBe('warning');
    expect(countdownUrgency(59_999)).toBe('danger');
    expect(countdownUrgency(-1)).toBe('danger');
  });

  it('counts whole seconds until a moment', () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsUntil(9_000, 10_000)).toBe(0);
  });
});
