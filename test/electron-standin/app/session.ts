/**
 * `session` (https://www.electronjs.org/docs/latest/api/session): one Session per partition, each
 * a browser context of its own in the host, with its own cookies, proxy and certificate check.
 * Partitions live as long as the app's process (`persist:` is not written to disk here).
 */
import type { CookieFilter, StandinCookie } from '../protocol';
import { hostLink } from './host-link';
import { guarded } from './unsupported';

type PermissionHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: object,
) => void;

export interface VerifyRequest {
  readonly hostname: string;
  readonly certificate: StandinCertificate;
  readonly validatedCertificate: StandinCertificate;
  readonly isIssuedByKnownRoot: boolean;
  readonly verificationResult: string;
  readonly errorCode: number;
}

/** docs/api/structures/certificate.md, the fields a verify proc reads. */
export interface StandinCertificate {
  readonly data: string;
  readonly issuerCert: StandinCertificate | undefined;
}

type VerifyProc = (request: VerifyRequest, callback: (verdict: number) => void) => void;

type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  requestingOrigin: string,
  details: object,
) => boolean;

export class StandinSession {
  permissionHandler: PermissionHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  verifyProc: VerifyProc | null = null;

  constructor(readonly partition: string) {}

  /** Docs, Cookies.get(filter): the cookies of this session matching the filter. */
  readonly cookies = guarded('Cookies', {
    get: (filter: CookieFilter): Promise<StandinCookie[]> =>
      hostLink().call('session.cookies', { partition: this.partition, filter }),
  });

  /**
   * Docs, setPermissionRequestHandler: decides permission requests; without a handler Electron
   * grants them. The host asks it for each permission Chromium lets Playwright grant.
   */
  setPermissionRequestHandler(handler: PermissionHandler | null): void {
    this.permissionHandler = handler;
    hostLink().post('session.configure', {
      partition: this.partition,
      permissionHandler: handler !== null || this.permissionCheckHandler !== null,
    });
  }

  /**
   * Docs, setPermissionCheckHandler: answers permission checks (navigator.permissions.query,
   * Notification.permission); without one Electron grants. Playwright keeps one grant per
   * permission for checks and requests alike, so a permission is granted only when both agree.
   */
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
    hostLink().post('session.configure', {
      partition: this.partition,
      permissionHandler: handler !== null || this.permissionHandler !== null,
    });
  }

  /**
   * Docs, setCertificateVerifyProc: called for each server certificate; 0 accepts, -2 refuses,
   * -3 leaves the verdict to Chromium (here: to Node's verification of the same chain).
   */
  setCertificateVerifyProc(proc: VerifyProc | null): void {
    this.verifyProc = proc;
    hostLink().post('session.configure', { partition: this.partition, verifyProc: proc !== null });
  }

  /** Docs, setProxy({proxyRules}): the proxy of this session's requests. */
  async setProxy(config: { proxyRules?: string }): Promise<void> {
    await hostLink().call('session.configure', {
      partition: this.partition,
      proxyRules: config.proxyRules ?? null,
    });
  }

  /** Docs, clearStorageData(): cookies and web storage of the session. */
  async clearStorageData(): Promise<void> {
    await hostLink().call('session.clear', { partition: this.partition, what: 'storage' });
  }

  /** Docs, clearCache(): the HTTP cache (the host clears it through Chromium when it can). */
  async clearCache(): Promise<void> {
    await hostLink().call('session.clear', { partition: this.partition, what: 'cache' });
  }

  /** Runs the permission handlers as Electron would for a page at `requestingUrl` in `contents`. */
  async decidePermission(
    contents: unknown,
    permission: string,
    requestingUrl: string,
  ): Promise<boolean> {
    const check = this.permissionCheckHandler;
    const origin = originOf(requestingUrl);
    if (check !== null && !check(contents, permission, origin, { requestingUrl })) return false;
    const handler = this.permissionHandler;
    if (handler === null) return true;
    return new Promise((decide) => {
      handler(contents, permission, decide, { requestingUrl });
    });
  }
}

/** Docs, requestingOrigin: the page's `scheme://host[:port]` (custom schemes included). */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '';
  }
}

const sessions = new Map<string, StandinSession>();

/** '' is the default session. */
export function sessionFor(partition: string): StandinSession {
  let found = sessions.get(partition);
  if (found === undefined) {
    found = guarded('Session', new StandinSession(partition));
    sessions.set(partition, found);
  }
  return found;
}

export const session = guarded('session', {
  /** Docs, session.fromPartition(partition): the same Session for the same string. */
  fromPartition: (partition: string): StandinSession => sessionFor(partition),
  get defaultSession(): StandinSession {
    return sessionFor('');
  },
});
