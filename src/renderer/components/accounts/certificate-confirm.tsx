import type { CertificateInfo } from '../../../shared/models';

/** Trust on first use: shows the server's certificate and asks the user to confirm its fingerprint. */
export function CertificateConfirm(props: {
  readonly certificate: CertificateInfo;
  readonly busy: boolean;
  readonly onTrust: () => void;
  readonly onCancel: () => void;
}) {
  const { certificate, busy } = props;
  return (
    <section className="certificate-confirm" aria-label="Untrusted certificate">
      <h3>This server’s certificate is not trusted</h3>
      <p>
        Trust it only if this SHA-256 fingerprint is exactly the one your GitLab administrators gave
        you. Jobshell then accepts this certificate, and no other, for this account.
      </p>
      <code className="fingerprint" aria-label="SHA-256 fingerprint">
        {certificate.fingerprint256}
      </code>
      <dl>
        <dt>Subject</dt>
        <dd>{certificate.subject}</dd>
        <dt>Issuer</dt>
        <dd>{certificate.issuer}</dd>
        <dt>Valid</dt>
        <dd>
          {certificate.validFrom.slice(0, 10)} – {certificate.validTo.slice(0, 10)}
        </dd>
      </dl>
      <div className="actions">
        <button type="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={props.onTrust} disabled={busy}>
          Trust this certificate
        </button>
      </div>
    </section>
  );
}
