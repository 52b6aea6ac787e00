/** What the account operations share: the live store, the injected ports and the re-check machine. */
import type { CertificateInfo } from '../../../shared/models';
import type { NetworkOptions, SecretStore, SettingsStore, WebSignIn } from '../ports';
import type { RecheckDeps, Rechecks } from './verification/recheck-schedule';

export interface AccountsContext extends RecheckDeps {
  readonly rechecks: Rechecks;
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  readonly webSignIn: WebSignIn | null;
  readonly inspectCertificate: (url: string, network: NetworkOptions) => Promise<CertificateInfo>;
  readonly newId: () => string;
}
