import { useCallback, useEffect, useState } from 'react';
import { ContractError } from '../../../shared/contract';
import type { AccountView } from '../../../shared/models';
import { useApp, useAppState } from '../../hooks/app-context';
import { RemoveHistoryChoice, useAccountHistoryCount } from '../history/remove-history-choice';
import { CertificateConfirm } from './certificate-confirm';
import { Dialog, FormActions } from './dialog';
import { NetworkFields, type NetworkDraft } from './network-fields';
import { initialSessionDraft, sessionCredential, type SessionDraft } from './session-draft';
import { SessionFields } from './session-fields';
import { useCertificateCheck } from './use-certificate-check';
import { useSubmit } from './use-submit';

interface AccountDialogProps {
  readonly account: AccountView;
  readonly onClose: () => void;
}

/** "Sign in again": a new web session for the same GitLab user. */
export function SignInDialog({ account, onClose }: AccountDialogProps) {
  const { bridge } = useApp();
  const webSignIn = useAppState((s) => s.info?.webSignIn ?? false);
  const [session, setSession] = useState<SessionDraft>(() => initialSessionDraft(webSignIn));
  const signIn = useCallback(() => {
    const credential = sessionCredential(session);
    if (typeof credential === 'string')
      return Promise.reject(new ContractError('bad-input', credential));
    return bridge.request('accounts.signIn', { accountId: account.id, session: credential });
  }, [account.id, bridge, session]);
  const submit = useSubmit(signIn, onClose);
  return (
    <Dialog title={`Sign in again as @${account.username}`} onClose={onClose} busy={submit.busy}>
      <form
        className="account-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit.run();
        }}
      >
        <p className="muted">
          {account.host} · sign in as <strong>@{account.username}</strong>; another user is refused.
        </p>
        <SessionFields
          draft={session}
          onChange={setSession}
          webSignIn={webSignIn}
          error={submit.error === null ? null : submit.error.message}
        />
        <FormActions
          onCancel={onClose}
          busy={submit.busy}
          submitLabel={submit.busy ? 'Checking…' : 'Sign in'}
        />
      </form>
    </Dialog>
  );
}

/** Set, replace or remove the personal access token. */
export function TokenDialog({ account, onClose }: AccountDialogProps) {
  const { bridge } = useApp();
  const [token, setToken] = useState('');
  const save = useCallback(
    (value: string | null) =>
      bridge.request('accounts.setToken', { accountId: account.id, token: value }),
    [account.id, bridge],
  );
  const submit = useSubmit(save, onClose);
  return (
    <Dialog
      title={account.hasToken ? 'Replace the token' : 'Set a token'}
      onClose={onClose}
      busy={submit.busy}
    >
      <form
        className="account-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit.run(token);
        }}
      >
        <label className="field">
          Personal access token of @{account.username}
          <input
            type="password"
            autoComplete="off"
            autoFocus
            spellCheck={false}
            value={token}
            onChange={(e) => {
              setToken(e.target.value);
            }}
          />
          <small>read_api to list your jobs; api to also cancel them.</small>
        </label>
        {submit.error !== null && (
          <p className="field-error" role="alert">
            {submit.error.message}
          </p>
        )}
        <FormActions
          onCancel={onClose}
          busy={submit.busy}
          submitLabel={submit.busy ? 'Checking…' : 'Save token'}
          submitDisabled={token.trim() === ''}
        >
          {account.hasToken && (
            <button
              type="button"
              className="danger"
              disabled={submit.busy}
              onClick={() => {
                submit.run(null);
              }}
            >
              Remove token
            </button>
          )}
        </FormActions>
      </form>
    </Dialog>
  );
}

/** Name, colour and network settings of an account. */
export function AccountSettingsDialog({ account, onClose }: AccountDialogProps) {
  const { bridge } = useApp();
  const [name, setName] = useState(account.name);
  const [color, setColor] = useState(account.color);
  const [network, setNetwork] = useState<NetworkDraft>({
    caPem: '',
    proxy: account.network.proxy ?? '',
  });
  const [forgetPin, setForgetPin] = useState(false);
  const certificates = useCertificateCheck(bridge);
  const certificateTrouble =
    account.state === 'offline' && /certificate/i.test(account.warnings.join(' '));
  const { inspect } = certificates;
  useEffect(() => {
    // An account offline because of its certificate: show what the server presents now.
    if (certificateTrouble) inspect(account.baseUrl);
  }, [account.baseUrl, certificateTrouble, inspect]);
  const save = useCallback(
    async (trustFingerprint: string | null) => {
      if (name !== account.name || color !== account.color) {
        await bridge.request('accounts.update', { accountId: account.id, name, color });
      }
      const proxyChanged = network.proxy.trim() !== (account.network.proxy ?? '');
      if (network.caPem.trim() !== '' || proxyChanged || forgetPin || trustFingerprint !== null) {
        await bridge.request('accounts.setNetwork', {
          accountId: account.id,
          ...(network.caPem.trim() === '' ? {} : { caPem: network.caPem }),
          ...(proxyChanged ? { proxy: network.proxy } : {}),
          ...(trustFingerprint !== null
            ? { trustFingerprint }
            : forgetPin
              ? { trustFingerprint: null }
              : {}),
        });
      }
    },
    [account, bridge, color, forgetPin, name, network],
  );
  const submit = useSubmit(save, onClose, (error) => {
    if (error.network) certificates.inspect(account.baseUrl);
  });
  return (
    <Dialog title={`Account settings: ${account.name}`} onClose={onClose} busy={submit.busy}>
      <form
        className="account-form"
        onSubmit={(e) => {
          e.preventDefault();
          certificates.dismiss();
          submit.run(null);
        }}
      >
        <div className="field-row">
          <label className="field grow">
            Name
            <input
              type="text"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
              }}
            />
          </label>
          <label className="field">
            Colour
            <input
              type="color"
              value={color}
              onChange={(e) => {
                setColor(e.target.value);
              }}
            />
          </label>
        </div>
        <p className="muted">
          {account.network.caCount > 0
            ? `${account.network.caCount} extra CA certificate${account.network.caCount === 1 ? '' : 's'} in use; pasting new ones replaces them.`
            : 'No extra CA certificates.'}
        </p>
        {account.network.pinnedFingerprint !== null && (
          <label className="field">
            <span>
              <input
                type="checkbox"
                checked={forgetPin}
                onChange={(e) => {
                  setForgetPin(e.target.checked);
                }}
              />{' '}
              Forget the trusted certificate{' '}
              <code className="fingerprint">{account.network.pinnedFingerprint}</code>
            </span>
          </label>
        )}
        <NetworkFields draft={network} onChange={setNetwork} error={null} />
        {certificates.certificate !== null && (
          <CertificateConfirm
            certificate={certificates.certificate}
            busy={submit.busy}
            onCancel={certificates.dismiss}
            onTrust={() => {
              submit.run(certificates.certificate?.fingerprint256 ?? null);
            }}
          />
        )}
        {submit.error !== null && (
          <p className="field-error" role="alert">
            {submit.error.message}
          </p>
        )}
        <FormActions
          onCancel={onClose}
          busy={submit.busy}
          submitLabel={submit.busy ? 'Saving…' : 'Save'}
        />
      </form>
    </Dialog>
  );
}

/** "Remove account?" with what removal deletes. */
export function RemoveAccountDialog({ account, onClose }: AccountDialogProps) {
  const { bridge } = useApp();
  const historyCount = useAccountHistoryCount(account);
  const [removeHistory, setRemoveHistory] = useState(false);
  const remove = useCallback(async () => {
    // Its history first, while the account (and so its name) is still known to the core.
    if (removeHistory) await bridge.request('history.removeAccount', { accountId: account.id });
    return bridge.request('accounts.remove', { accountId: account.id });
  }, [account.id, bridge, removeHistory]);
  const submit = useSubmit(remove, onClose);
  return (
    <Dialog title={`Remove ${account.name}?`} onClose={onClose} busy={submit.busy}>
      <p>
        Jobshell forgets @{account.username} on {account.host}: its stored session, token, sign-in
        window data and settings are deleted. Open terminals of this account close.
      </p>
      <RemoveHistoryChoice
        count={historyCount}
        checked={removeHistory}
        onChange={setRemoveHistory}
      />
      {submit.error !== null && (
        <p className="field-error" role="alert">
          {submit.error.message}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={submit.busy}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={submit.busy}
          onClick={() => {
            submit.run();
          }}
        >
          Remove account
        </button>
      </div>
    </Dialog>
  );
}
