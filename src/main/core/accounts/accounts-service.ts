/**
 * Accounts: adding (every check passes before anything is saved), signing in again, tokens,
 * network settings, removal, and the live state other services read through AccountAccess.
 * This file composes the pieces; each operation lives in its own module.
 */
import { randomUUID } from 'node:crypto';
import type { CertificateInfo } from '../../../shared/models';
import type {
  Clock,
  HttpTransport,
  Logger,
  NetworkOptions,
  SecretStore,
  SettingsStore,
  WebSignIn,
} from '../ports';
import type { AccountsService } from '../services';
import { findByUrl } from './views/connections';
import { removeAccount, updateAccount } from './operations/rename-recolour-remove';
import { createRechecks } from './verification/recheck-schedule';
import { createAccountStore } from './storage/live-accounts';
import type { AccountsContext } from './service-context';
import { addAccount } from './operations/add';
import { setToken, signInAgain } from './operations/replace-credentials';
import { loadAccounts } from './storage/load-at-start';
import { inspectCertificate, setNetwork } from './operations/change-network';

export interface AccountsDeps {
  readonly http: HttpTransport;
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly webSignIn: WebSignIn | null;
  /** Certificate inspection: a TLS handshake in production (src/main/node/net/socket-options.ts). */
  readonly inspectCertificate: (url: string, network: NetworkOptions) => Promise<CertificateInfo>;
  readonly newId?: () => string;
}

/** Creates the accounts service; call start() to load stored accounts. */
export function createAccountsService(deps: AccountsDeps): AccountsService {
  const { http, secrets, settings, clock, logger } = deps;
  const store = createAccountStore({ secrets, settings, logger, clock });
  const rechecks = createRechecks({ store, http, clock, logger });
  const ctx: AccountsContext = {
    ...deps,
    store,
    rechecks,
    inspectCertificate: deps.inspectCertificate,
    newId: deps.newId ?? randomUUID,
  };
  return {
    list: store.list,
    add: (params) => addAccount(ctx, params),
    signIn: (accountId, session) => signInAgain(ctx, accountId, session),
    setToken: (accountId, token) => setToken(ctx, accountId, token),
    update: (params) => updateAccount(ctx, params),
    setNetwork: (params) => setNetwork(ctx, params),
    remove: (accountId) => removeAccount(ctx, accountId),
    inspectCertificate: (baseUrl) => inspectCertificate(ctx, baseUrl),
    start: () => loadAccounts(ctx),
    reportAuthFailure: rechecks.reportAuthFailure,
    connection: store.connection,
    connections: store.connections,
    findByUrl: (url) => findByUrl(store.connections(), url),
    onChange: store.onChange,
    onConnectionsChanged: store.onConnectionsChanged,
    dispose: () => {
      store.dispose();
      rechecks.dispose();
    },
  };
}
