import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../../../src/shared/models';
import {
  acceptsInput,
  actionsFor,
  badgeFor,
  describeState,
  inputBlockedReason,
} from '../../../../../src/renderer/terminal/workspace/session-status';

const NOW = 1_700_000_000_000;
const reason = {
  code: 'already-attached',
  message: 'Someone (perhaps a browser tab) is already attached to this job’s terminal.',
} as const;

const states: Record<SessionState['kind'], SessionState> = {
  connecting: { kind: 'connecting', attempt: 1, since: NOW, waitingForRunner: false },
  open: { kind: 'open', since: NOW },
  held: {
    kind: 'held',
    since: NOW,
    hold: {
      deadline: NOW + 24 * 60_000 + 31_000,
      timeoutS: 1800,
      idle: false,
      kept: false,
      scriptResult: 'passed',
    },
  },
  checking: { kind: 'checking', since: NOW },
  reconnecting: {
    kind: 'reconnecting',
    attempt: 2,
    at: NOW + 3_000,
    lastReason: { code: 'connection-lost', message: 'The connection was lost.' },
  },
  closed: { kind: 'closed', reason },
};

describe('session status', () => {
  it('badges every state', () => {
    expect(badgeFor(states.connecting, NOW)).toMatchObject({
      tone: 'busy',
      label: 'Connecting',
      spinner: true,
    });
    expect(
      badgeFor({ ...states.connecting, waitingForRunner: true } as SessionState, NOW).label,
    ).toBe('Waiting for runner');
    expect(badgeFor(states.open, NOW)).toMatchObject({ tone: 'ok', label: 'Open' });
    expect(badgeFor(states.held, NOW)).toMatchObject({
      tone: 'held',
      label: 'Held 24:31',
      urgency: 'normal',
    });
    expect(badgeFor(states.held, NOW + 20 * 60_000).urgency).toBe('warning');
    expect(badgeFor(states.held, NOW + 24 * 60_000).urgency).toBe('danger');
    expect(badgeFor(states.reconnecting, NOW)).toMatchObject({
      tone: 'warning',
      label: 'Reconnecting (2)',
    });
    expect(badgeFor(states.checking, NOW)).toMatchObject({
      tone: 'warning',
      label: 'Checking',
      spinner: true,
    });
    expect(badgeFor(states.closed, NOW)).toMatchObject({ tone: 'closed', label: 'In use' });
  });

  it('shows a release calmly, by name, and offers no Reconnect into a finished job', () => {
    const released: SessionState = {
      kind: 'closed',
      reason: { code: 'released', message: 'Released: the job finished (passed).' },
    };
    expect(badgeFor(released, NOW)).toMatchObject({ tone: 'calm', label: 'Released' });
    expect(actionsFor(released).reconnect).toBe(false);
    expect(inputBlockedReason(released)).not.toMatch(/Reconnect/);
    const finished: SessionState = {
      kind: 'closed',
      reason: { code: 'job-finished', message: 'The job finished (passed).' },
    };
    expect(badgeFor(finished, NOW)).toMatchObject({ tone: 'closed', label: 'Finished' });
    expect(actionsFor(finished).reconnect).toBe(false);
  });

  it('describes each state in a sentence, with the close reason verbatim', () => {
    expect(
      describeState({ ...states.connecting, waitingForRunner: true } as SessionState, NOW),
    ).toBe('Waiting for the runner to start the terminal…');
    expect(describeState({ ...states.connecting, attempt: 3 } as SessionState, NOW)).toBe(
      'Connecting (attempt 3)…',
    );
    expect(describeState(states.held, NOW)).toBe(
      'The job’s script finished (passed). Your terminal is keeping the job running: 24:31 left.',
    );
    expect(describeState(states.reconnecting, NOW)).toBe(
      'The connection was lost. Reconnecting in 3 s (attempt 2)…',
    );
    expect(describeState(states.checking, NOW)).toBe('Connection dropped; asking GitLab why…');
    expect(describeState(states.closed, NOW)).toBe(reason.message);
  });

  it('lets keystrokes through only to open or held sessions, and says why otherwise', () => {
    expect(acceptsInput(states.open)).toBe(true);
    expect(acceptsInput(states.held)).toBe(true);
    for (const kind of ['connecting', 'checking', 'reconnecting', 'closed'] as const) {
      expect(acceptsInput(states[kind])).toBe(false);
      expect(inputBlockedReason(states[kind])).toMatch(/not sent/);
    }
    expect(inputBlockedReason(states.open)).toBeNull();
  });

  it('offers the actions that fit the state', () => {
    expect(actionsFor(states.closed)).toEqual({
      reconnect: true,
      release: false,
      keep: false,
      syncSize: false,
    });
    expect(actionsFor(states.reconnecting).reconnect).toBe(true);
    // While GitLab is asked why it dropped, nothing is offered: the verdict follows at once.
    expect(actionsFor(states.checking)).toEqual({
      reconnect: false,
      release: false,
      keep: false,
      syncSize: false,
    });
    expect(actionsFor(states.held)).toEqual({
      reconnect: false,
      release: true,
      keep: true,
      syncSize: true,
    });
    const kept = {
      ...states.held,
      hold: { ...(states.held as Extract<SessionState, { kind: 'held' }>).hold, kept: true },
    };
    expect(actionsFor(kept as SessionState).keep).toBe(false);
    expect(actionsFor(states.open)).toEqual({
      reconnect: false,
      release: false,
      keep: false,
      syncSize: true,
    });
  });
});
