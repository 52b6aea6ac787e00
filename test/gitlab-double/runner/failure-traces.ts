import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from '../state/model';

/** Where a failing script leaves its report, relative to the job's build directory. */
export const FAILURE_REPORT = 'test-results/failure.txt';

/**
 * What a failed script leaves behind in its build directory, as real test runners do (a report,
 * the state it failed in): something a terminal attached to the held job can read.
 */
export function leaveFailureTraces(dir: string, job: Job): void {
  mkdirSync(join(dir, 'test-results'), { recursive: true });
  writeFileSync(
    join(dir, FAILURE_REPORT),
    [
      `job ${job.id} (${job.name}) on ${job.ref}`,
      `step_script failed: exit code ${job.exitCode}`,
      'Failure: expected status 200, got 500 (spec/requests/login_spec.rb:42)',
      '',
    ].join('\n'),
  );
}
