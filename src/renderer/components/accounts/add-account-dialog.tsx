import { useCallback, useState } from 'react';
import { ContractError } from '../../../shared/contract';
import type { AccountView } from '../../../shared/models';
import { useApp, useAppState } from '../../hooks/app-context';
import type { AccountField } from './account-errors';
import { CertificateConfirm } from './certificate-confirm';
import { Dialog, FormActions } from './dialog';
import { EMPTY_NETWORK, NetworkFields, type NetworkDraft } from './network-fields';
import { initialSessionDraft, sessionCredential, type SessionDraft } from './session-draft';
import { SessionFields } from './session-fields';
import { useCertificateCheck } from './use-certificate-check';
import { useSubmit } from './use-submit';
import './accounts.css';

/** "Add GitLab account": URL, web session, optional token, optional network settings. */
export function AddAccountDialog(props: {
  readonly onClose: () => void;
  readonly onAdded?: (account: AccountView) => void;
}) {
  const { onClose, onAdded } = props;
  const { bridge } = useApp();
  const webSignIn = useAppState((s) => s.info?.webSignIn ?? false);
  const [url, setUrl] = useState('');
  const [session, setSession] = useState<SessionDraft>(() => initialSessionDraft(webSignIn));
  const [token, setToken] = useState('');
  const [network, setNetwork] = useState<NetworkDraft>(EMPTY_NETWORK);
  const [networkOpen, setNetworkOpen] = useState(false);
  const certificates = useCertificateCheck(bridge);

  const add = useCallback(
    (trustFingerprint: string | null): Promise<AccountView> => {
      // Checked here, in the product's words: the contract would refuse an empty address too,
      // but in a developer's words.
      if (url.trim() === '') return Promise.reject(new ContractError('bad-input', EMPTY_URL));
      const credential = sessionCredential(session);
      if (typeof credential === 'string')
        return Promise.reject(new ContractError('bad-input', credential));
      return bridge.request('accounts.add', {
        baseUrl: url,
        session: credential,
        ...(token.trim() === '' ? {} : { token }),
        ...(network.caPem.trim() === '' ? {} : { caPem: network.caPem }),
        ...(network.proxy.trim() === '' ? {} : { proxy: network.proxy }),
        ...(trustFingerprint === null ? {} : { trustFingerprint }),
      });
    },
    [bridge, network, session, token, url],
  );
  const done = useCallback(
    (account: AccountView) => {
      onAdded?.(account);
      onClose();
    },
    [onAdded, onClose],
  );
  const submit = useSubmit(add, done, (error) => {
    if (error.network) certificates.inspect(url);
    if (error.field === 'network') setNetworkOpen(true);
  });
  const errorFor = (field: AccountField): string | null =>
    submit.error?.field === field ? submit.error.message : null;

  return (
    <Dialog title="Add GitLab account" onClose={onClose} busy={submit.busy}>
      <form
        className="account-form"
        onSubmit={(e) => {
          e.preventDefault();
          certificates.dismiss();
          submit.run(null);
        }}
      >
        <label className="field">
          GitLab URL
          <input
            type="text"
            inputMode="url"
            autoFocus
            spellCheck={false}
            value={url}
            placeholder="https://gitlab.example.com"
            aria-invalid={errorFor('url') !== null}
            onChange={(e) => {
              setUrl(e.target.value);
            }}
          />
          <small>
            The address of your GitLab, including its path if it is served under one
            (https://example.com/gitlab).
          </small>
          {errorFor('url') !== null && (
            <span className="field-error" role="alert">
              {errorFor('url')}
            </span>
          )}
        </label>
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
        <SessionFields
          draft={session}
          onChange={setSession}
          webSignIn={webSignIn}
          error={errorFor('session')}
        />
        <label className="field">
          Personal access token (optional)
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => {
              setToken(e.target.value);
            }}
          />
          <small>
            read_api to list your jobs; api to also cancel them. The web session is enough to start.
          </small>
          {errorFor('token') !== null && (
            <span className="field-error" role="alert">
              {errorFor('token')}
            </span>
          )}
        </label>
        <details
          className="advanced"
          open={networkOpen}
          onToggle={(e) => {
            setNetworkOpen(e.currentTarget.open);
          }}
        >
          <summary>Network: CA certificate, proxy</summary>
          <NetworkFields draft={network} onChange={setNetwork} error={errorFor('network')} />
        </details>
        {(errorFor('form') ?? errorFor('name')) !== null && (
          <p className="field-error" role="alert">
            {errorFor('form') ?? errorFor('name')}
          </p>
        )}
        <FormActions
          onCancel={onClose}
          busy={submit.busy}
          submitLabel={submitLabel(session, submit.busy)}
        />
      </form>
    </Dialog>
  );
}

const EMPTY_URL = 'Enter the address of your GitLab, for example https://gitlab.example.com.';

function submitLabel(session: SessionDraft, busy: boolean): string {
  if (!busy) return session.mode === 'web-sign-in' ? 'Sign in and add' : 'Add account';
  return session.mode === 'web-sign-in' ? 'Waiting for sign-in…' : 'Checking…';
}
