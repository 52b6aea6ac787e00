import { describe, expect, it } from 'vitest';
import type { SessionState, SessionView } from '../../../src/shared/models';
import {
  connectingLine,
  droppedLine,
  endingFor,
  INITIAL_STATUS,
  statusUpdate,
  type StatusMemory,
} from '../../../src/cli/attach-status';

function view(state: SessionState, connections = 0, droppedBytes = 0): SessionView {
  return {
    id: 't1-5001',
    accountId: 'cli',
    jobId: 5001,
    projectId: 41,
    projectPath: 'acme/platform/api',
    jobName: 'rspec',
    webUrl: 'https://gitlab.example.com/acme/platform/api/-/jobs/5001',
    state,
    lastInputAt: null,
    lastOutputAt: null,
    connections,
    droppedBytes,
  };
}

/** Feeds views in order and collects every printed line. */
function linesOf(views: readonly SessionView[], interactive = true): string[] {
  let memory: StatusMemory = INITIAL_STATUS;
  const lines: string[] = [];
  for (const v of views) {
    const update = statusUpdate(memory, v, interactive);
    memory = update.memory;
    lines.push(...update.lines);
  }
  return lines;
}

const connecting = (waitingForRunner: boolean, attempt = 1): SessionState => ({
  kind: 'connecting',
  attempt,
  since: 0,
  waitingForRunner,
});
const open: SessionState = { kind: 'open', since: 0 };
const lost = { code: 'connection-lost', message: 'The connection to GitLab dropped.' } as const;
const checking: SessionState = { kind: 'checking', since: 0 };

describe('attach progress lines', () => {
  it('names the job first', () => {
    expect(connectingLine(view(connecting(false)))).toBe(
      'Connecting to acme/platform/api job 5001 (rspec)…',
    );
  });

  it('says each thing once: waiting, connected, reconnecting, reconnected', () => {
    expect(
      linesOf([
        view(connecting(false)),
        view(connecting(true)),
        view(connecting(true)),
        view(open, 1),
        view(open, 1),
        view({ kind: 'reconnecting', attempt: 1, at: 0, lastReason: lost }, 1),
        view({ kind: 'reconnecting', attempt: 1, at: 0, lastReason: lost }, 1),
        view(connecting(false, 2), 1),
        view(open, 2),
      ]),
    ).toEqual([
      'Waiting for the runner…',
      'Connected. Detach with Ctrl-] then q.',
      'The connection to GitLab dropped. Reconnecting (attempt 1)…',
      'Reconnected: new shell, previous state lost.',
    ]);
  });

  it('says nothing while the core asks GitLab why the connection dropped', () => {
    expect(linesOf([view(open, 1), view(checking, 1), view(open, 2)])).toEqual([
      'Connected. Detach with Ctrl-] then q.',
      'Reconnected: new shell, previous state lost.',
    ]);
  });

  it('reports dropped output on its own line, once per amount dropped', () => {
    expect(
      linesOf([view(open, 1), view(open, 1, 4096), view(open, 1, 4096), view(open, 1, 5120)]),
    ).toEqual(['Connected. Detach with Ctrl-] then q.', droppedLine(4096), droppedLine(1024)]);
    expect(droppedLine(4096)).toBe(
      '4096 bytes of output were dropped: they arrived faster than they could be written.',
    );
  });

  it('has no detach hint for piped input', () => {
    expect(linesOf([view(open, 1)], false)).toEqual(['Connected.']);
  });

  it('reports a new connection exactly when a new shell opened', () => {
    const first = statusUpdate(INITIAL_STATUS, view(open, 1), true);
    expect(first.newConnection).toBe(true);
    expect(statusUpdate(first.memory, view(open, 1), true).newConnection).toBe(false);
  });
});

describe('endingFor', () => {
  const interactive = { interactive: true, inputEnded: false };

  it('ends with the reason and its exit code', () => {
    const reason = { code: 'not-allowed', message: 'This is not your job.' } as const;
    expect(endingFor(view({ kind: 'closed', reason }), interactive)).toEqual({
      exitCode: 3,
      message: 'This is not your job.',
    });
  });

  it('waits while the core asks GitLab why the connection dropped, then ends on its verdict', () => {
    expect(endingFor(view(checking, 1), interactive)).toBeNull();
    expect(endingFor(view(checking, 1), { interactive: false, inputEnded: true })).toBeNull();
    // Closed is final, whatever its wording: a reason ending in "…" ends the command too.
    const odd = { code: 'connection-lost', message: 'The connection dropped…' } as const;
    expect(endingFor(view({ kind: 'closed', reason: odd }), interactive)).toEqual({
      exitCode: 1,
      message: odd.message,
    });
  });

  it('lets the core reconnect a terminal, but never piped input', () => {
    const reconnecting = view({ kind: 'reconnecting', attempt: 1, at: 0, lastReason: lost }, 1);
    expect(endingFor(reconnecting, interactive)).toBeNull();
    expect(endingFor(reconnecting, { interactive: false, inputEnded: false })?.exitCode).toBe(1);
    expect(endingFor(reconnecting, { interactive: false, inputEnded: true })).toEqual({
      exitCode: 0,
      message: 'The shell exited.',
    });
  });

  it('keeps going while connecting, open or held', () => {
    expect(endingFor(view(connecting(true)), interactive)).toBeNull();
    expect(endingFor(view(open, 1), interactive)).toBeNull();
  });
});
