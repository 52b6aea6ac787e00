import { useCallback, useState } from 'react';
import type { CertificateInfo } from '../../../shared/models';
import type { Bridge } from '../../bridge/bridge';

export interface CertificateCheck {
  /** The server's certificate, when it is one the user could choose to trust. */
  readonly certificate: CertificateInfo | null;
  /** After a network failure: looks at the server's certificate (https only). */
  readonly inspect: (baseUrl: string) => void;
  readonly dismiss: () => void;
}

/** Trust on first use, step one: fetch the certificate of a server the core did not trust. */
export function useCertificateCheck(bridge: Bridge): CertificateCheck {
  const [certificate, setCertificate] = useState<CertificateInfo | null>(null);
  const inspect = useCallback(
    (baseUrl: string) => {
      if (/^\s*http:/i.test(baseUrl)) return;
      bridge.request('accounts.inspectCertificate', { baseUrl }).then(
        (info) => {
          setCertificate(info.trustedBySystem ? null : info);
        },
        () => {
          // Unreachable or not https: the original error already says what is wrong.
          setCertificate(null);
        },
      );
    },
    [bridge],
  );
  const dismiss = useCallback(() => {
    setCertificate(null);
  }, []);
  return { certificate, inspect, dismiss };
}
