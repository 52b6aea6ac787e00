/**
 * One AccountPoller per signed-in account, started, replaced and stopped as the accounts'
 * connections change, with one InstanceGate per GitLab instance shared by its accounts. Accounts
 * whose credentials GitLab refused are remembered with the refused connection: shown as errors,
 * and not polled again until the account comes back with different credentials.
 */
import type { AccountJobs } from '../../../shared/models';
import type { GitlabClient } from '../gitlab/gitlab-client';
import type { Clock, Logger, SettingsStore } from '../ports';
import type { AccountAccess, AccountConnection } from '../services';
import { AccountPoller, type PollMode } from './account-poller';
import { InstanceGate } from './instance-gate';
import { readPins } from './pins';
import { sameValue } from './same-value';

export interface PollerRegistryDeps {
  readonly accounts: AccountAccess;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: SettingsStore;
  readonly random: () => number;
  readonly finishedWindowHours?: () => number;
  readonly makeClient: (connection: AccountConnection) => GitlabClient;
  /** The cadence a new poller starts in. */
  readonly mode: () => PollMode;
  /** A poller's view changed, or the set of pollers did. */
  readonly onUpdate: () => void;
}

export interface PollerRegistry {
  /** Brings the pollers in line with the accounts' current connections. */
  sync(): void;
  /** Every account's view, polled or refused, in no particular order. */
  views(): AccountJobs[];
  poller(accountId: string): AccountPoller | undefined;
  pollers(): AccountPoller[];
  gateFor(baseUrl: string): InstanceGate;
  stopAll(): void;
}

interface PollerEntry {
  readonly connection: AccountConnection;
  readonly poller: AccountPoller;
  readonly stopGate: () => void;
}

export function createPollerRegistry(deps: PollerRegistryDeps): PollerRegistry {
  const { accounts } = deps;
  const entries = new Map<string, PollerEntry>();
  const expired = new Map<
    string,
    { readonly view: AccountJobs; readonly connection: AccountConnection }
  >();

  const gateFor = gateLookup(deps.random);

  const stopPoller = (accountId: string): void => {
    const entry = entries.get(accountId);
    if (entry === undefined) return;
    entry.poller.dispose();
    entry.stopGate();
    entries.delete(accountId);
  };

  const authFailed = (accountId: string): void => {
    const entry = entries.get(accountId);
    if (entry === undefined) return;
    expired.set(accountId, { view: entry.poller.view(), connection: entry.connection });
    stopPoller(accountId);
    // The accounts service marks the account expired (once) and drops its connection.
    accounts.reportAuthFailure(accountId, 'api');
    deps.onUpdate();
  };

  const startPoller = (connection: AccountConnection): void => {
    const gate = gateFor(connection.baseUrl);
    const poller = new AccountPoller({
      connection,
      client: deps.makeClient(connection),
      gate,
      clock: deps.clock,
      logger: deps.logger,
      random: deps.random,
      pinned: readPins(deps.settings, connection.accountId),
      onUpdate: deps.onUpdate,
      onAuthFailure: () => {
        authFailed(connection.accountId);
      },
      ...(deps.finishedWindowHours === undefined
        ? {}
        : { finishedWindowHours: deps.finishedWindowHours }),
    });
    const stopGate = gate.onRelease(() => {
      poller.pump();
    });
    entries.set(connection.accountId, { connection, poller, stopGate });
    poller.setMode(deps.mode());
    poller.pump();
  };

  const sync = (): void => {
    const connections = accounts.connections();
    const ids = new Set(connections.map((c) => c.accountId));
    for (const accountId of [...entries.keys()]) if (!ids.has(accountId)) stopPoller(accountId);
    for (const connection of connections) {
      const lapsed = expired.get(connection.accountId);
      if (lapsed !== undefined && sameValue(lapsed.connection, connection)) continue;
      expired.delete(connection.accountId);
      const entry = entries.get(connection.accountId);
      if (entry !== undefined && sameValue(entry.connection, connection)) continue;
      // New credentials, user or network settings: start over with a fresh client.
      stopPoller(connection.accountId);
      startPoller(connection);
    }
  };

  return {
    sync,
    views: () => [
      ...[...entries.values()].map((entry) => entry.poller.view()),
      ...[...expired.values()].map((e) => e.view).filter((v) => !entries.has(v.accountId)),
    ],
    poller: (accountId) => entries.get(accountId)?.poller,
    pollers: () => [...entries.values()].map((entry) => entry.poller),
    gateFor,
    stopAll: () => {
      for (const accountId of [...entries.keys()]) stopPoller(accountId);
    },
  };
}

/** One gate per GitLab instance (origin), made on first use and shared by its accounts. */
function gateLookup(random: () => number): (baseUrl: string) => InstanceGate {
  const gates = new Map<string, InstanceGate>();
  return (baseUrl) => {
    const origin = new URL(baseUrl).origin;
    let gate = gates.get(origin);
    if (gate === undefined) {
      gate = new InstanceGate(origin, random);
      gates.set(origin, gate);
    }
    return gate;
  };
}
