/**
 * The CLI's `jobs` reads the web job JSON with the jobs core's own rule (webJobAnswer), so a job
 * on a protected ref is explained the same way in the app and in the CLI.
 */
import { describe, expect, it } from 'vitest';
import { webJobAnswer } from '../../../src/main/core/jobs/terminal-checks';
import type { ApiWebJob } from '../../../src/main/core/gitlab/wire-types';

const base: ApiWebJob = {
  id: 5001,
  name: 'rspec',
  terminal_path: '/acme/api/-/jobs/5001/terminal',
  cancel_path: '/acme/api/-/jobs/5001/cancel',
  status_group: 'running',
  complete: false,
};

describe('webJobAnswer', () => {
  it('offers the terminal path, and update rights when the job can be cancelled', () => {
    expect(webJobAnswer(base)).toEqual({
      kind: 'answered',
      terminalPath: '/acme/api/-/jobs/5001/terminal',
      canUpdate: true,
    });
  });

  it('reads a missing cancel_path as "may not update" (e.g. a protected ref)', () => {
    expect(webJobAnswer({ ...base, terminal_path: null, cancel_path: null })).toEqual({
      kind: 'answered',
      terminalPath: null,
      canUpdate: false,
    });
  });
});
