/** What the user entered for an account's network: extra CA certificates and a proxy. */
export interface NetworkDraft {
  readonly caPem: string;
  readonly proxy: string;
}

export const EMPTY_NETWORK: NetworkDraft = { caPem: '', proxy: '' };

/** CA PEM (pasted or from a file) and proxy address fields. */
export function NetworkFields(props: {
  readonly draft: NetworkDraft;
  readonly onChange: (draft: NetworkDraft) => void;
  readonly error: string | null;
}) {
  const { draft, onChange, error } = props;
  return (
    <div className="account-network">
      <label className="field">
        Extra CA certificates (PEM)
        <textarea
          rows={4}
          spellCheck={false}
          value={draft.caPem}
          placeholder="-----BEGIN CERTIFICATE-----"
          onChange={(e) => {
            onChange({ ...draft, caPem: e.target.value });
          }}
        />
        <input
          type="file"
          aria-label="Read CA certificates from a file"
          accept=".pem,.crt,.cer,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file === undefined) return;
            void file.text().then((text) => {
              onChange({ ...draft, caPem: text });
            });
          }}
        />
        <small>
          For a GitLab whose certificate comes from your organisation’s own certificate authority.
        </small>
      </label>
      <label className="field">
        Proxy
        <input
          type="text"
          spellCheck={false}
          value={draft.proxy}
          placeholder="http://proxy.example.com:3128"
          onChange={(e) => {
            onChange({ ...draft, proxy: e.target.value });
          }}
        />
        <small>An HTTP CONNECT proxy, used for both the API and the terminals.</small>
      </label>
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
