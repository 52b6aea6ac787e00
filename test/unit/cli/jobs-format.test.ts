import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/shared/models';
import { jobRecord, jobsJson, jobsTable } from '../../../src/cli/jobs-format';

const base: JobView = {
  key: 'cli/5001',
  accountId: 'cli',
  id: 5001,
  name: 'rspec',
  stage: 'test',
  status: 'running',
  ref: 'main',
  pipelineId: 9,
  projectId: 41,
  projectPath: 'acme/platform/api',
  webUrl: 'https://g.example/acme/platform/api/-/jobs/5001',
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  runner: null,
  startedBy: 'alice',
  mine: true,
  terminal: { available: true },
};
const pending: JobView = {
  ...base,
  id: 5004,
  name: 'build\x1b[31m:gpu',
  status: 'pending',
  terminal: { available: false, reason: 'Waiting for a runner' },
};

describe('jobs output', () => {
  it('JSON records carry the fields scripts rely on', () => {
    expect(jobRecord(pending)).toMatchObject({
      id: 5004,
      status: 'pending',
      project: 'acme/platform/api',
      web_url: base.webUrl,
      debuggable: false,
      reason: 'Waiting for a runner',
    });
    expect(JSON.parse(jobsJson([base]))).toEqual([
      expect.objectContaining({ debuggable: true, reason: null }),
    ]);
    expect(jobsJson([])).toBe('[]\n');
  });

  it('the table aligns columns and strips escape sequences from names', () => {
    expect(jobsTable([base, pending], '@alice on g.example')).toBe(
      [
        'ID    PROJECT            NAME            STATUS   TERMINAL',
        '5001  acme/platform/api  rspec           running  yes',
        '5004  acme/platform/api  build [31m:gpu  pending  Waiting for a runner',
        '',
      ].join('\n'),
    );
    expect(jobsTable([], '@alice on g.example')).toBe(
      'No running or pending jobs of @alice on g.example.\n',
    );
  });
});
