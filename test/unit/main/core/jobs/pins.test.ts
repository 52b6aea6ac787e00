import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../../src/shared/contract';
import { createJobsService } from '../../../../../src/main/core/jobs/jobs-service';
import { PINNED_PROJECTS_KEY, readPins } from '../../../../../src/main/core/jobs/pins';
import { captureLogger } from '../../../support/capture-logger';
import {
  jobListRequests,
  seededRandom,
  settle,
  startHarness,
  type JobsHarness,
} from './support/harness';

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

const ACCOUNT = 'acct-alice';

describe('pinProject', () => {
  it('pins by path and watches the project, even one the user is not a member of', async () => {
    h = await startHarness();
    const oss = h.gl.addProject({
      path: 'oss/tools/lib',
      members: { bob: 'developer' },
      visibility: 'public',
    });
    const bobs = h.gl.createJob({ user: 'bob', project: oss.id, name: 'fuzz' });
    await h.drive(1000);
    expect(jobListRequests(h.http.sent, oss.id)).toBe(0);
    await h.service.pinProject(ACCOUNT, ' oss/tools/lib ');
    expect(readPins(h.settings, ACCOUNT)).toEqual([{ id: oss.id, path: 'oss/tools/lib' }]);
    await h.drive(1000);
    expect(jobListRequests(h.http.sent, oss.id)).toBeGreaterThan(0);
    const listed = h.aliceJobs().jobs.find((j) => j.id === bobs.id);
    expect(listed).toMatchObject({
      mine: false,
      projectPath: 'oss/tools/lib',
      terminal: { available: false },
    });
  });

  it('keeps pins across restarts', async () => {
    h = await startHarness();
    const oss = h.gl.addProject({
      path: 'oss/tools/cli',
      members: { bob: 'developer' },
      visibility: 'public',
    });
    await h.service.pinProject(ACCOUNT, 'oss/tools/cli');
    h.service.dispose();
    const again = createJobsService({
      accounts: h.accounts,
      http: h.http.transport,
      clock: h.clock,
      logger: captureLogger(),
      settings: h.settings,
      random: seededRandom(),
    });
    const before = jobListRequests(h.http.sent, oss.id);
    again.start();
    await settle(h.http);
    expect(jobListRequests(h.http.sent, oss.id)).toBe(before + 1);
    again.dispose();
  });

  it('pins by project URL (with any page below it) and by a search term', async () => {
    h = await startHarness();
    await h.service.pinProject(ACCOUNT, `${h.gl.url}/acme/tools/deploy/-/pipelines`);
    const widget = h.gl.addProject({ path: 'acme/misc/widget', members: { alice: 'developer' } });
    await h.service.pinProject(ACCOUNT, 'widget');
    expect(readPins(h.settings, ACCOUNT).map((p) => p.path)).toEqual([
      'acme/tools/deploy',
      'acme/misc/widget',
    ]);
    expect(readPins(h.settings, ACCOUNT)[1]?.id).toBe(widget.id);
    // Pinning again changes nothing.
    await h.service.pinProject(ACCOUNT, 'acme/misc/widget');
    expect(readPins(h.settings, ACCOUNT)).toHaveLength(2);
  });

  it('refuses bad input with a specific message and saves nothing', async () => {
    h = await startHarness();
    h.gl.addProject({ path: 'acme/misc/gadget-one', members: { alice: 'developer' } });
    h.gl.addProject({ path: 'acme/misc/gadget-two', members: { alice: 'developer' } });
    const cases: readonly [string, string, RegExp][] = [
      ['   ', 'bad-input', /Type a project path/],
      ['https://elsewhere.example/acme/api', 'bad-input', /not on this account's GitLab/],
      [`${h.gl.url}/justonesegment`, 'bad-input', /not a project URL/],
      ['acme/does/not-exist', 'not-found', /no project acme\/does\/not-exist/],
      ['nothing-like-this', 'not-found', /No project matching "nothing-like-this"/],
      [
        'gadget',
        'bad-input',
        /matches several projects \(acme\/misc\/gadget-(one|two), acme\/misc\/gadget-(one|two)\)/,
      ],
    ];
    for (const [input, code, message] of cases) {
      const error: unknown = await h.service.pinProject(ACCOUNT, input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, input).toBeInstanceOf(ContractError);
      expect((error as ContractError).code, input).toBe(code);
      expect((error as ContractError).message, input).toMatch(message);
    }
    expect(h.settings.data.has(PINNED_PROJECTS_KEY)).toBe(false);
    await expect(h.service.pinProject('acct-nobody', 'acme/tools/deploy')).rejects.toMatchObject({
      code: 'auth',
    });
  });
});
