import { useState } from 'react';
import type { AccountState, AccountView } from '../../../shared/models';
import { assertNever } from '../../../shared/assert-never';
import { useApp, useAppState } from '../../hooks/app-context';
import {
  AccountSettingsDialog,
  RemoveAccountDialog,
  SignInDialog,
  TokenDialog,
} from './account-dialogs';
import { AddAccountDialog } from './add-account-dialog';
import { ActionMenu } from '../common/action-menu';
import { Icon } from '../../terminal/workspace/icons';
import type { SecretStorageInfo } from '../../../shared/models';
import './accounts.css';
import { userMessage } from '../../forms/contract-messages';

type OpenDialog =
  | { readonly kind: 'add' }
  | { readonly kind: 'sign-in' | 'token' | 'settings' | 'remove'; readonly account: AccountView };

/** Every account with its state and what the user can do about it. */
export function AccountsPanel(props: { readonly onAdd?: () => void }) {
  const accounts = useAppState((s) => s.accounts);
  const storage = useAppState((s) => s.info?.secretStorage ?? null);
  const optIn = useAppState((s) => s.info?.unencryptedOptIn ?? false);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const close = (): void => {
    setDialog(null);
  };
  // Dialogs follow the live account (a state change while one is open must not show stale data).
  const live = (account: AccountView): AccountView =>
    accounts.find((a) => a.id === account.id) ?? account;
  return (
    <section className="accounts-panel" aria-label="GitLab accounts">
      <header>
        <h2>Accounts</h2>
        <button
          type="button"
          onClick={() => {
            if (props.onAdd === undefined) setDialog({ kind: 'add' });
            else props.onAdd();
          }}
        >
          Add account
        </button>
      </header>
      {storage?.warning !== null && storage?.warning !== undefined && (
        // One line until opened: the full sentence (and the opt-in) is one click away.
        <details className="storage-warning" role="note">
          <summary title={storage.warning}>
            <Icon name="alert" /> {storageSummary(storage)}
          </summary>
          <p>{storage.warning}</p>
          {optIn && <StoreUnencrypted />}
        </details>
      )}
      <ul className="account-list">
        {accounts.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            onOpen={(kind) => setDialog({ kind, account })}
          />
        ))}
      </ul>
      {dialog?.kind === 'add' && <AddAccountDialog onClose={close} />}
      {dialog?.kind === 'sign-in' && (
        <SignInDialog account={live(dialog.account)} onClose={close} />
      )}
      {dialog?.kind === 'token' && <TokenDialog account={live(dialog.account)} onClose={close} />}
      {dialog?.kind === 'settings' && (
        <AccountSettingsDialog account={live(dialog.account)} onClose={close} />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveAccountDialog account={live(dialog.account)} onClose={close} />
      )}
    </section>
  );
}

function AccountRow(props: {
  readonly account: AccountView;
  readonly onOpen: (kind: 'sign-in' | 'token' | 'settings' | 'remove') => void;
}) {
  const { account, onOpen } = props;
  const expired = account.state === 'session-expired';
  const who = `@${account.username} on ${account.baseUrl}${
    account.hasToken ? ` · token: ${account.tokenScopes.join(', ') || 'no scopes'}` : ' · no token'
  }`;
  return (
    <li
      className="account-row"
      aria-label={`${account.name} (@${account.username})`}
      data-account-id={account.id}
    >
      <div className="account-head" title={who}>
        <span className="color-dot" style={{ background: account.color }} aria-hidden="true" />
        <span className="account-name">{account.name}</span>
        <span className="account-username">@{account.username}</span>
        <StateBadge state={account.state} />
        {expired && (
          <button
            type="button"
            className="primary account-inline"
            data-action="sign-in"
            onClick={() => onOpen('sign-in')}
          >
            Sign in again
          </button>
        )}
        <ActionMenu
          label={`Account actions for ${account.name}`}
          items={[
            ...(expired
              ? []
              : [{ id: 'sign-in', label: 'Sign in again', onSelect: () => onOpen('sign-in') }]),
            {
              id: 'token',
              label: account.hasToken ? 'Token…' : 'Set token…',
              onSelect: () => onOpen('token'),
            },
            { id: 'settings', label: 'Settings…', onSelect: () => onOpen('settings') },
            { id: 'remove', label: 'Remove…', danger: true, onSelect: () => onOpen('remove') },
          ]}
        />
      </div>
      {account.warnings.length > 0 && (
        <ul className="account-warnings">
          {account.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The storage notice's one-line form. */
function storageSummary(storage: SecretStorageInfo): string {
  switch (storage.kind) {
    case 'plain-file':
      return 'Credentials are stored unencrypted';
    case 'memory':
      return 'Credentials are kept in memory only';
    case 'os-keyring':
      return 'About credential storage';
    default:
      return assertNever(storage.kind, 'secret storage');
  }
}

function StateBadge({ state }: { readonly state: AccountState }) {
  return <span className={`state-badge state-${state}`}>{stateLabel(state)}</span>;
}

/** The words for an account state. */
export function stateLabel(state: AccountState): string {
  switch (state) {
    case 'signed-in':
      return 'Signed in';
    case 'session-expired':
      return 'Session expired';
    case 'token-expired':
      return 'Token expired';
    case 'offline':
      return 'Offline';
    default:
      return assertNever(state, 'account state');
  }
}

/** The explicit opt-in to unencrypted secret storage where no OS keyring exists (Linux). */
function StoreUnencrypted() {
  const { bridge } = useApp();
  const [error, setError] = useState<string | null>(null);
  const choose = (): void => {
    const sure = window.confirm(
      'Store your GitLab session cookies and tokens in a file that is not encrypted? Only your user account can read it, but anyone with access to it can act as you on GitLab.',
    );
    if (!sure) return;
    bridge.request('app.allowUnencryptedSecrets', {}).then(
      () => {
        setError(null);
      },
      (e: unknown) => {
        setError(userMessage(e));
      },
    );
  };
  return (
    <>
      <button type="button" onClick={choose}>
        Store them unencrypted
      </button>
      {error !== null && <p className="field-error">{error}</p>}
    </>
  );
}
