/**
 * What the user does to the job list besides looking: pin a project to an account, cancel a job.
 * Each goes out only when the account is signed in and its instance has not asked us to wait,
 * and fails with a sentence saying why otherwise.
 */
import { ContractError } from '../../../shared/contract';
import { toContractError } from '../accounts/verification/user-facing-errors';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, SettingsStore } from '../ports';
import type { AccountAccess, AccountConnection, JobsService } from '../services';
import type { PollerRegistry } from './poller-registry';
import { readPins, resolvePin, writePins } from './pins';
import { MAX_PINNED_PROJECTS } from './tuning';

export interface JobActionsDeps {
  readonly accounts: AccountAccess;
  readonly clock: Clock;
  readonly settings: SettingsStore;
  readonly makeClient: (connection: AccountConnection) => GitlabClient;
  readonly pollers: PollerRegistry;
}

export function createJobActions(deps: JobActionsDeps): Pick<JobsService, 'pinProject' | 'cancel'> {
  const { accounts, clock, settings, pollers } = deps;

  /** The connection and a gate that is open for a user action, or a ContractError saying why not. */
  const actionTarget = (
    accountId: string,
  ): { connection: AccountConnection; client: GitlabClient } => {
    const connection = accounts.connection(accountId);
    if (connection === null) {
      throw new ContractError('auth', 'This account is not signed in: sign in again first.');
    }
    const block = pollers.gateFor(connection.baseUrl).block(clock.now());
    if (block?.kind === 'rate-limited') {
      const seconds = Math.ceil((block.until - clock.now()) / 1000);
      throw new ContractError(
        'unavailable',
        `GitLab asked Jobshell to wait; try again in ${seconds} s.`,
      );
    }
    return { connection, client: deps.makeClient(connection) };
  };

  return {
    pinProject: async (accountId, project) => {
      const { connection, client } = actionTarget(accountId);
      const pin = await resolvePin(client, connection.baseUrl, project);
      const pins = readPins(settings, accountId);
      if (pins.some((p) => p.id === pin.id)) return;
      if (pins.length >= MAX_PINNED_PROJECTS) {
        throw new ContractError(
          'bad-input',
          `At most ${MAX_PINNED_PROJECTS} projects can be pinned to one account.`,
        );
      }
      writePins(settings, accountId, [...pins, pin]);
      pollers.poller(accountId)?.addPinned(pin);
    },
    cancel: async (accountId, projectId, jobId) => {
      // A token with `api` writes; without one, the web session does (cookie + CSRF token).
      const { client } = actionTarget(accountId);
      try {
        await client.cancelJob(projectId, jobId);
      } catch (error) {
        throw toContractError(error);
      }
      pollers.poller(accountId)?.pollSoon(projectId);
    },
  };
}
