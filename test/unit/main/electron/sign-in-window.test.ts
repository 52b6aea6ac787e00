import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import {
  certificateVerdict,
  createSignInWindows,
  isAllowedNavigation,
  isSignInPage,
  partitionFor,
} from '../../../../src/main/electron/sign-in-window';
import { DIRECT_NETWORK } from '../../../../src/main/core/ports';
import { electronMock, resetElectronMock, type BrowserWindow } from '../../mocks/electron';
import { captureLogger } from '../../support/capture-logger';

const BASE = 'https://gitlab.example.com/gitlab';

function lastWindow(): BrowserWindow {
  const window = electronMock.windows.at(-1);
  if (window === undefined) throw new Error('no window opened');
  return window;
}

/** Lets the promise callbacks inside the glue (cookie reads) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  resetElectronMock();
});

describe('sign-in window rules', () => {
  it('knows the sign-in pages, under the relative root', () => {
    expect(isSignInPage(`${BASE}/users/sign_in`, BASE)).toBe(true);
    expect(isSignInPage(`${BASE}/users/auth/saml/callback`, BASE)).toBe(true);
    expect(isSignInPage(`${BASE}/users/two_factor_auth`, BASE)).toBe(true);
    expect(isSignInPage('https://idp.example.com/login', BASE)).toBe(true);
    expect(isSignInPage(`${BASE}/`, BASE)).toBe(false);
    expect(isSignInPage(`${BASE}/dashboard/projects`, BASE)).toBe(false);
  });

  it('allows its GitLab and https identity providers, nothing else', () => {
    expect(isAllowedNavigation(`${BASE}/users/sign_in`, BASE)).toBe(true);
    expect(isAllowedNavigation('https://login.microsoftonline.com/x', BASE)).toBe(true);
    expect(isAllowedNavigation('http://idp.example.com/login', BASE)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', BASE)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', BASE)).toBe(false);
    expect(
      isAllowedNavigation('http://127.0.0.1:3000/users/sign_in', 'http://127.0.0.1:3000'),
    ).toBe(true);
  });
});

describe('sign-in window', () => {
  it('opens GitLab sign-in in a locked-down window with its own partition', () => {
    const web = createSignInWindows(captureLogger());
    void web.signIn('acc1', BASE).catch(() => undefined);
    const window = lastWindow();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      partition: 'persist:account-acc1',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(prefs.preload).toBeUndefined();
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({
      action: 'deny',
    });
    expect(window.webContents.attemptNavigation('http://evil.example/')).toBe(false);
    expect(window.webContents.attemptNavigation('https://sso.example.com/')).toBe(true);
    expect(window.webContents.attemptNavigation('ftp://x/', 'will-redirect')).toBe(false);
    window.close();
  });

  it('resolves with the cookies once GitLab shows a page outside sign-in, and closes', async () => {
    const web = createSignInWindows(captureLogger());
    const done = web.signIn('acc2', BASE);
    await settle();
    const window = lastWindow();
    expect(window.webContents.loadedUrls).toEqual([`${BASE}/users/sign_in`]);
    const session = electronMock.sessions.get(partitionFor('acc2'));
    // Before sign-in GitLab already has an anonymous session: the sign-in pages do not finish.
    session?.setCookies(BASE, [{ name: '_gitlab_session', value: 'anon' }]);
    window.webContents.navigated(`${BASE}/users/sign_in`);
    await settle();
    expect(window.destroyed).toBe(false);
    session?.setCookies(BASE, [
      { name: '_gitlab_session', value: 'signed-in' },
      { name: 'known_sign_in', value: 'k' },
    ]);
    window.webContents.navigated(`${BASE}/`);
    expect(await done).toEqual([
      { name: '_gitlab_session', value: 'signed-in' },
      { name: 'known_sign_in', value: 'k' },
    ]);
    expect(window.destroyed).toBe(true);
  });

  it('rejects with "Sign-in was cancelled" when the user closes it', async () => {
    const web = createSignInWindows(captureLogger());
    const done = web.signIn('acc3', BASE);
    lastWindow().close();
    await expect(done).rejects.toThrow(ContractError);
    await expect(done).rejects.toThrow('Sign-in was cancelled.');
  });

  it('focuses the open window instead of opening a second one', () => {
    const web = createSignInWindows(captureLogger());
    const first = web.signIn('acc4', BASE);
    const second = web.signIn('acc4', BASE);
    expect(electronMock.windows).toHaveLength(1);
    expect(second).toBe(first);
    expect(lastWindow().focused).toBe(1);
    void first.catch(() => undefined);
    lastWindow().close();
  });

  it('wipes the partition on clear, closing an open window', async () => {
    const web = createSignInWindows(captureLogger());
    const done = web.signIn('acc5', BASE).catch((error: unknown) => error);
    await web.clear('acc5');
    const session = electronMock.sessions.get(partitionFor('acc5'));
    expect(session?.storageCleared).toBe(1);
    expect(session?.cacheCleared).toBe(1);
    expect(await done).toBeInstanceOf(ContractError);
  });

  it('uses the account proxy and denies permission requests', async () => {
    const web = createSignInWindows(captureLogger());
    void web
      .signIn('acc6', BASE, { ...DIRECT_NETWORK, proxy: 'http://proxy.corp:3128' })
      .catch(() => undefined);
    await settle();
    const session = electronMock.sessions.get(partitionFor('acc6'));
    expect(session?.proxyRules).toBe('http://proxy.corp:3128');
    let granted: boolean | null = null;
    (session?.permissionHandler as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(
      null,
      'notifications',
      (ok) => {
        granted = ok;
      },
    );
    expect(granted).toBe(false);
    const check = session?.permissionCheckHandler as (c: unknown, p: string) => boolean;
    expect(check(null, 'notifications')).toBe(false);
    expect(check(null, 'clipboard-read')).toBe(false);
    lastWindow().close();
  });

  it('treats a page outside the account address (other port, other root) as still signing in', () => {
    expect(isSignInPage('https://gitlab.example.com:8443/gitlab/', BASE)).toBe(true);
    expect(isSignInPage('https://gitlab.example.com/other/', BASE)).toBe(true);
    expect(isSignInPage('http://gitlab.example.com/gitlab/', BASE)).toBe(true);
  });
});

describe('sign-in window certificates', () => {
  it('accepts the pinned self-signed certificate of its GitLab host only', async () => {
    const pems = await generate([{ name: 'commonName', value: 'gitlab.example.com' }], {
      keyType: 'ec',
      curve: 'P-256',
    });
    const pinned = new X509Certificate(pems.cert).fingerprint256;
    const request = (hostname: string) =>
      ({
        hostname,
        certificate: { data: pems.cert },
        errorCode: -202,
        verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
      }) as unknown as Electron.Request;
    const network = { ...DIRECT_NETWORK, pinnedFingerprint: pinned };
    expect(certificateVerdict(request('gitlab.example.com'), 'gitlab.example.com', network)).toBe(
      0,
    );
    expect(certificateVerdict(request('sso.example.com'), 'gitlab.example.com', network)).toBe(-3);
    expect(
      certificateVerdict(request('gitlab.example.com'), 'gitlab.example.com', DIRECT_NETWORK),
    ).toBe(-3);
  });

  it('accepts a chain that reaches an extra CA', async () => {
    const ca = await generate([{ name: 'commonName', value: 'Corp CA' }], {
      keyType: 'ec',
      curve: 'P-256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', keyCertSign: true },
      ],
    });
    const leaf = await generate([{ name: 'commonName', value: 'gitlab.example.com' }], {
      keyType: 'ec',
      curve: 'P-256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'gitlab.example.com' }] },
      ],
    });
    const request = {
      hostname: 'gitlab.example.com',
      certificate: { data: leaf.cert, issuerCert: { data: ca.cert } },
      errorCode: -202,
      verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
    } as unknown as Electron.Request;
    expect(
      certificateVerdict(request, 'gitlab.example.com', { ...DIRECT_NETWORK, ca: [ca.cert] }),
    ).toBe(0);
    const other = await generate([{ name: 'commonName', value: 'Other CA' }], {
      keyType: 'ec',
      curve: 'P-256',
    });
    expect(
      certificateVerdict(request, 'gitlab.example.com', { ...DIRECT_NETWORK, ca: [other.cert] }),
    ).toBe(-3);
  });
});

describe('sign-in window certificates: intermediates', () => {
  const HOST = 'gitlab.example.com';
  type Pems = Awaited<ReturnType<typeof generate>>;
  type Extensions = NonNullable<Parameters<typeof generate>[1]>['extensions'];
  const caExtensions: Extensions = [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true },
  ];
  const leafOf = (issuer: Pems): Promise<Pems> =>
    generate([{ name: 'commonName', value: HOST }], {
      keyType: 'ec',
      curve: 'P-256',
      ca: { key: issuer.private, cert: issuer.cert },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: HOST }] }],
    });
  const verdict = (leaf: Pems, intermediate: Pems, root: Pems): number =>
    certificateVerdict(
      {
        hostname: HOST,
        certificate: {
          data: leaf.cert,
          issuerCert: { data: intermediate.cert, issuerCert: { data: root.cert } },
        },
        errorCode: -202,
        verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
      } as unknown as Electron.Request,
      HOST,
      { ...DIRECT_NETWORK, ca: [root.cert] },
    );

  let root: Pems;
  beforeEach(async () => {
    root = await generate([{ name: 'commonName', value: 'Corp Root' }], {
      keyType: 'ec',
      curve: 'P-256',
      extensions: caExtensions,
    });
  });

  const intermediate = (extensions: Extensions, dates: object = {}): Promise<Pems> =>
    generate([{ name: 'commonName', value: 'Corp Issuing CA' }], {
      keyType: 'ec',
      curve: 'P-256',
      ca: { key: root.private, cert: root.cert },
      extensions,
      ...dates,
    });

  it('accepts a chain through a valid CA intermediate', async () => {
    const issuing = await intermediate(caExtensions);
    expect(verdict(await leafOf(issuing), issuing, root)).toBe(0);
  });

  it('refuses an intermediate without the CA flag (a leaf signing leaves)', async () => {
    const notCa = await intermediate([{ name: 'basicConstraints', cA: false }]);
    expect(verdict(await leafOf(notCa), notCa, root)).toBe(-3);
  });

  it('refuses an expired intermediate', async () => {
    const expired = await intermediate(caExtensions, {
      notBeforeDate: new Date('2020-01-01T00:00:00Z'),
      notAfterDate: new Date('2021-01-01T00:00:00Z'),
    });
    expect(verdict(await leafOf(expired), expired, root)).toBe(-3);
  });
});
