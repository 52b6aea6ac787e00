import { describe, expect, it } from 'vitest';
import type { HoldInfo, SessionState } from '../../../src/shared/models';
import { HoldNotice, holdNoticeText, remindersAhead } from '../../../src/cli/hold-notice';
import { FakeClock } from '../support/fake-clock';

const MINUTE = 60_000;

function held(deadline: number, scriptResult: HoldInfo['scriptResult'] = null): SessionState {
  return {
    kind: 'held',
    since: deadline - 30 * MINUTE,
    hold: { deadline, timeoutS: 1800, idle: false, kept: false, scriptResult },
  };
}

describe('holdNoticeText', () => {
  it('says what holds the job, the time left and how to release it', () => {
    const hold = {
      deadline: 29 * MINUTE + 41_000,
      timeoutS: 1800,
      idle: true,
      kept: false,
      scriptResult: null,
    };
    expect(holdNoticeText(5001, hold, 0, true)).toBe(
      'Job 5001 finished its script; this terminal is keeping it running (29:41 left). Detach (Ctrl-] q) to release it.',
    );
    expect(holdNoticeText(5001, { ...hold, scriptResult: 'failed' }, 0, false)).toBe(
      'Job 5001 finished (failed); this terminal is keeping it running (29:41 left). It is released when this command ends.',
    );
  });

  it('keeps only the reminder points still ahead', () => {
    expect(remindersAhead(30 * MINUTE, 0)).toEqual([5 * MINUTE, MINUTE]);
    expect(remindersAhead(3 * MINUTE, 0)).toEqual([MINUTE]);
    expect(remindersAhead(MINUTE, 0)).toEqual([]);
  });
});

describe('HoldNotice', () => {
  it('prints once when held, then only at 5 and 1 minute left', () => {
    const clock = new FakeClock(0);
    const lines: string[] = [];
    const notice = new HoldNotice(clock, 5001, true, (line) => lines.push(line));
    const state = held(30 * MINUTE);
    notice.update(state);
    notice.update(state);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('(30:00 left)');
    clock.advance(25 * MINUTE - 1);
    expect(lines).toHaveLength(1);
    clock.advance(1);
    expect(lines[1]).toContain('(5:00 left)');
    clock.advance(4 * MINUTE);
    expect(lines[2]).toContain('(1:00 left)');
    clock.advance(10 * MINUTE);
    expect(lines).toHaveLength(3);
  });

  it('stops reminding when the hold ends, and announces a new hold again', () => {
    const clock = new FakeClock(0);
    const lines: string[] = [];
    const notice = new HoldNotice(clock, 5001, true, (line) => lines.push(line));
    notice.update(held(30 * MINUTE));
    notice.update({ kind: 'open', since: 0 });
    clock.advance(30 * MINUTE);
    expect(lines).toHaveLength(1);
    expect(clock.pending).toBe(0);
    notice.update(held(60 * MINUTE));
    expect(lines).toHaveLength(2);
    notice.dispose();
    expect(clock.pending).toBe(0);
  });
});
