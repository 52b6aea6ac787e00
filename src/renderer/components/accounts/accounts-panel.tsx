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
import './accounts.css';

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
        <div className="storage-warning" role="note">
          <p>{storage.warning}</p>
          {optIn && <StoreUnencrypted />}
        </div>
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
  return (
    <li
      className="account-row"
      aria-label={`${account.name} (@${account.username})`}
      data-account-id={account.id}
    >
      <div className="account-head">
        <span className="color-dot" style={{ background: account.color }} aria-hidden="true" />
        <span className="account-name">{account.name}</span>
        <StateBadge state={account.state} />
      </div>
      <div className="account-who">
        <span className="account-username">@{account.username}</span> · <span>{account.host}</span>
        {account.hasToken && (
          <span className="muted"> · token: {account.tokenScopes.join(', ') || 'no scopes'}</span>
        )}
      </div>
      {account.warnings.length > 0 && (
        <ul className="account-warnings">
          {account.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <div className="account-actions">
        <button
          type="button"
          className={account.state === 'session-expired' ? 'primary' : undefined}
          data-action="sign-in"
          onClick={() => {
            onOpen('sign-in');
          }}
        >
          Sign in again
        </button>
        <button
          type="button"
          onClick={() => {
            onOpen('token');
          }}
        >
          {account.hasToken ? 'Token…' : 'Set token'}
        </button>
        <button
          type="button"
          onClick={() => {
            onOpen('settings');
          }}
        >
          Settings…
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            onOpen('remove');
          }}
        >
          Remove
        </button>
      </div>
    </li>
  );
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
        setError(e instanceof Error ? e.message : String(e));
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
