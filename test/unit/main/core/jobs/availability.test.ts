import { describe, expect, it } from 'vitest';
import {
  terminalAvailability,
  type AvailabilityInput,
} from '../../../../../src/main/core/jobs/availability';
import type { ApiJob } from '../../../../../src/main/core/gitlab/wire-types';
import type { TerminalAvailability } from '../../../../../src/shared/models';

/** The reason of an unavailable terminal; fails the test when it is available. */
function reasonOf(terminal: TerminalAvailability): string {
  if (terminal.available) throw new Error('expected no terminal');
  return terminal.reason;
}

const job: ApiJob = {
  id: 1,
  status: 'running',
  stage: 'test',
  name: 'rspec',
  ref: 'main',
  created_at: '2026-01-01T00:00:00Z',
  started_at: '2026-01-01T00:00:05Z',
  finished_at: null,
  web_url: 'https://gitlab.example.com/a/b/-/jobs/1',
  user: { id: 5, username: 'alice' },
  pipeline: { id: 9, project_id: 3 },
  runner: { id: 2, description: 'docker-autoscaler-eu-1' },
};

const answered = (terminalPath: string | null, canUpdate = true): AvailabilityInput['web'] => ({
  kind: 'answered',
  terminalPath,
  canUpdate,
});

describe('terminalAvailability', () => {
  it('trusts terminal_path', () => {
    expect(
      terminalAvailability({
        job,
        mine: true,
        web: answered('/a/b/-/jobs/1/terminal'),
        project: null,
      }),
    ).toEqual({ available: true });
  });

  it('never offers another user’s job', () => {
    const result = terminalAvailability({ job, mine: false, web: answered('/x'), project: null });
    expect(result).toEqual({
      available: false,
      reason: 'Started by @alice: only the user who started a job can open its terminal',
    });
  });

  it('names a Docker runner when terminal_path is missing', () => {
    const result = terminalAvailability({
      job,
      mine: true,
      web: answered(null),
      project: { archived: false, accessLevel: 30 },
    });
    expect(reasonOf(result)).toMatch(/Docker runner.*closes when the script ends/);
  });

  it('names a role below Developer', () => {
    const result = terminalAvailability({
      job,
      mine: true,
      web: answered(null, false),
      project: { archived: false, accessLevel: 20 },
    });
    expect(reasonOf(result)).toMatch(/Developer role/);
  });

  it('does not hide the action when GitLab could not be asked', () => {
    expect(
      terminalAvailability({ job, mine: true, web: { kind: 'failed' }, project: null }),
    ).toEqual({ available: true });
    expect(
      terminalAvailability({
        job,
        mine: true,
        web: null,
        project: { archived: true, accessLevel: 30 },
      }),
    ).toMatchObject({ available: false });
  });
});
