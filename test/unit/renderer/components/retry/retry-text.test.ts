import { describe, expect, it } from 'vitest';
import {
  durationText,
  failureText,
  retryStateText,
} from '../../../../../src/renderer/components/retry/retry-text';
import type { FinishedJobView } from '../../../../../src/shared/models';

const job = (over: Partial<FinishedJobView>): FinishedJobView => ({
  key: 'a/1',
  accountId: 'a',
  id: 1,
  name: 'rspec',
  stage: 'test',
  status: 'failed',
  ref: 'main',
  projectId: 41,
  projectPath: 'acme/api',
  webUrl: 'https://gitlab.example.com/acme/api/-/jobs/1',
  finishedAt: null,
  durationS: 185,
  failureReason: 'script_failure',
  executor: 'shell',
  ...over,
});

describe('retry words', () => {
  it('durations read like the job page', () => {
    expect(durationText(null)).toBe('—');
    expect(durationText(42.4)).toBe('42s');
    expect(durationText(185)).toBe('3m 05s');
    expect(durationText(3720)).toBe('1h 02m');
  });

  it('failure reasons in words; unknown ones readable; canceled says so', () => {
    expect(failureText(job({}))).toBe('script failed');
    expect(failureText(job({ failureReason: 'runner_system_failure' }))).toBe(
      'runner system failure',
    );
    expect(failureText(job({ failureReason: 'brand_new_reason' }))).toBe('brand new reason');
    expect(failureText(job({ status: 'canceled', failureReason: null }))).toBe('canceled');
  });

  it('each retry state has its sentence; pending counts the queue time', () => {
    expect(retryStateText({ kind: 'pending', queuedSince: 0 }, 12_000)).toBe(
      'Waiting for a runner · 12s',
    );
    expect(retryStateText({ kind: 'held' }, 0)).toMatch(/^Held/);
    expect(retryStateText({ kind: 'ended', message: 'Released.', failed: false }, 0)).toBe(
      'Released.',
    );
  });
});
