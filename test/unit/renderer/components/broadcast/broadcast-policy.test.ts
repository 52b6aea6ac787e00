import { describe, expect, it } from 'vitest';
import {
  broadcastPasteNeedsConfirmation,
  openTabs,
  pipelineTabs,
  toggleTarget,
} from '../../../../../src/renderer/components/broadcast/broadcast-policy';
import { isStopBroadcastKey } from '../../../../../src/renderer/components/broadcast/broadcast-shortcut';
import { summarizePaste } from '../../../../../src/renderer/terminal/xterm/paste-policy';
import type { AccountJobs, JobView, SessionState } from '../../../../../src/shared/models';
import { sessionView } from '../../../main/core/history/history-fixtures';

const open: SessionState = { kind: 'open', since: 0 };
const ended: SessionState = { kind: 'closed', reason: { code: 'job-finished', message: 'done' } };

describe('broadcast paste confirmation', () => {
  it('asks for a paste of more than one line, or to more than one target', () => {
    expect(broadcastPasteNeedsConfirmation(summarizePaste('make'), 1)).toBe(false);
    expect(broadcastPasteNeedsConfirmation(summarizePaste('make\n'), 1)).toBe(false);
    expect(broadcastPasteNeedsConfirmation(summarizePaste('cd /x\nmake'), 1)).toBe(true);
    expect(broadcastPasteNeedsConfirmation(summarizePaste('make'), 2)).toBe(true);
  });
});

describe('broadcast target choices', () => {
  const job = (id: number, pipelineId: number): JobView =>
    ({ key: `a1/${id}`, accountId: 'a1', id, pipelineId }) as JobView;
  const jobs: AccountJobs[] = [
    {
      accountId: 'a1',
      status: 'ok',
      message: null,
      retryAt: null,
      updatedAt: 0,
      jobs: [job(1, 10), job(2, 10), job(3, 20), job(4, 10)],
    },
  ];
  const s1 = sessionView(open, { id: 's1', jobId: 1 });
  const s3 = sessionView(open, { id: 's3', jobId: 3 });
  const sessions = [
    s1,
    sessionView(open, { id: 's2', jobId: 2 }),
    s3,
    sessionView(ended, { id: 's4', jobId: 4 }),
  ];

  it('"all tabs of this pipeline" means the open tabs of jobs in the same pipeline', () => {
    expect(pipelineTabs(s1, sessions, jobs)).toEqual(['s1', 's2']);
    expect(pipelineTabs(s3, sessions, jobs)).toEqual(['s3']);
  });

  it('"all open tabs" leaves ended ones out; a toggle adds or removes one', () => {
    expect(openTabs(sessions)).toEqual(['s1', 's2', 's3']);
    expect(toggleTarget(['s1'], 's2')).toEqual(['s1', 's2']);
    expect(toggleTarget(['s1', 's2'], 's1')).toEqual(['s2']);
  });

  it('stops with Ctrl+Shift+B (Cmd+Shift+B on macOS) only', () => {
    const key = {
      key: 'B',
      code: 'KeyB',
      ctrlKey: true,
      metaKey: false,
      shiftKey: true,
      altKey: false,
    };
    expect(isStopBroadcastKey(key, false)).toBe(true);
    expect(isStopBroadcastKey({ ...key, shiftKey: false }, false)).toBe(false);
    expect(isStopBroadcastKey(key, true)).toBe(false);
    expect(isStopBroadcastKey({ ...key, ctrlKey: false, metaKey: true }, true)).toBe(true);
  });
});
