/**
 * GitLab's own sign-in page in a window of its own (password, 2FA, SSO all work because it is the
 * real page). Each account has its own persistent partition; the window has no preload and no
 * Node, may navigate only within its GitLab and over https (SSO hops), and opens no other windows.
 * Once it lands on a page outside the sign-in flow, main reads the partition's cookies.
 */
import { BrowserWindow, session } from 'electron';
import { X509Certificate } from 'node:crypto';
import { ContractError } from '../../shared/contract';
import {
  mayCarryCredentials,
  type Logger,
  type NetworkOptions,
  type SignInCookie,
  type WebSignIn,
} from '../core';
import { hardenedWebPreferences } from './web-preferences';

const SESSION_COOKIE = '_gitlab_session';
const WINDOW_WIDTH = 900;
const WINDOW_HEIGHT = 760;

/** Chromium certificate-verify results (see Electron's `setCertificateVerifyProc`). */
const VERIFY_ACCEPT = 0;
const VERIFY_USE_CHROMIUM = -3;
/** Longest certificate chain walked: real chains have 2–4 links; this bounds a malformed one. */
const MAX_CHAIN_LENGTH = 10;

/** The partition holding one account's GitLab web session. */
export function partitionFor(accountId: string): string {
  return `persist:account-${accountId}`;
}

/**
 * True while `url` is still part of signing in (sign-in, SSO callbacks, 2FA, password pages): any
 * page outside the account's own address (credential-scope.ts) is someone else's.
 */
export function isSignInPage(url: string, baseUrl: string): boolean {
  if (!mayCarryCredentials(baseUrl, url)) return true;
  const target = new URL(url);
  const base = new URL(baseUrl);
  const root = base.pathname.replace(/\/+$/, '');
  const path = target.pathname.startsWith(root)
    ? target.pathname.slice(root.length)
    : target.pathname;
  return path === '/users' || path.startsWith('/users/');
}

/** Where the sign-in window may go: its GitLab's origin, and https pages (identity providers). */
export function isAllowedNavigation(url: string, baseUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return target.origin === new URL(baseUrl).origin || target.protocol === 'https:';
}

type VerifyRequest = Electron.Request;

/**
 * Certificate check for the window's partition: Chromium decides, except for the GitLab host whose
 * leaf matches the pinned fingerprint, or whose chain reaches one of the account's extra CAs.
 */
export function certificateVerdict(
  request: VerifyRequest,
  host: string,
  network: NetworkOptions,
): number {
  if (request.hostname !== host || request.errorCode === 0) return VERIFY_USE_CHROMIUM;
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(request.certificate.data);
  } catch {
    return VERIFY_USE_CHROMIUM;
  }
  if (network.pinnedFingerprint !== null && leaf.fingerprint256 === network.pinnedFingerprint)
    return VERIFY_ACCEPT;
  if (network.ca.length > 0 && chainReachesCa(leaf, request, network.ca)) return VERIFY_ACCEPT;
  return VERIFY_USE_CHROMIUM;
}

function chainReachesCa(
  leaf: X509Certificate,
  request: VerifyRequest,
  caPems: readonly string[],
): boolean {
  const now = Date.now();
  if (Date.parse(leaf.validTo) < now || Date.parse(leaf.validFrom) > now) return false;
  if (
    leaf.checkHost(request.hostname) === undefined &&
    leaf.checkIP(request.hostname) === undefined
  )
    return false;
  const chain: X509Certificate[] = [leaf];
  // Electron's types say issuerCert is always there; at the top of a chain it is absent or itself.
  let cert = request.certificate.issuerCert as Electron.Certificate | undefined;
  while (cert !== undefined && chain.length < MAX_CHAIN_LENGTH) {
    try {
      chain.push(new X509Certificate(cert.data));
    } catch {
      break;
    }
    const parent = cert.issuerCert as Electron.Certificate | undefined;
    cert = parent === cert ? undefined : parent;
  }
  const roots = caPems.map((pem) => new X509Certificate(pem));
  for (let index = 0; index < chain.length; index += 1) {
    const cert = chain[index];
    if (cert === undefined) break;
    if (roots.some((root) => cert.checkIssued(root) && cert.verify(root.publicKey))) return true;
    // Every link below must be signed by the next one up, which must be a CA and in date.
    const parent = chain[index + 1];
    if (parent === undefined || !isUsableIssuer(parent, now)) return false;
    if (!cert.checkIssued(parent) || !cert.verify(parent.publicKey)) return false;
  }
  return false;
}

/** An intermediate may sign only while in date and marked as a CA (basicConstraints cA). */
function isUsableIssuer(cert: X509Certificate, now: number): boolean {
  return cert.ca && Date.parse(cert.validFrom) <= now && Date.parse(cert.validTo) >= now;
}

/** Creates the WebSignIn of the desktop app. */
export function createSignInWindows(logger: Logger): WebSignIn {
  const open = new Map<string, { window: BrowserWindow; done: Promise<readonly SignInCookie[]> }>();

  const signIn = (
    accountId: string,
    baseUrl: string,
    network?: NetworkOptions,
  ): Promise<readonly SignInCookie[]> => {
    const existing = open.get(accountId);
    if (existing !== undefined && !existing.window.isDestroyed()) {
      existing.window.focus();
      return existing.done;
    }
    const signInUrl = `${baseUrl}/users/sign_in`;
    // The window exists to hand this account's cookies back: it opens only on its own address.
    if (!mayCarryCredentials(baseUrl, signInUrl)) {
      return Promise.reject(new ContractError('bad-input', `${baseUrl} is not a GitLab address.`));
    }
    const partition = partitionFor(accountId);
    const ses = session.fromPartition(partition);
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
    lockDown(ses, host, network);
    const window = new BrowserWindow({
      width: WINDOW_WIDTH,
      height: WINDOW_HEIGHT,
      title: `Sign in to ${new URL(baseUrl).host}`,
      autoHideMenuBar: true,
      webPreferences: hardenedWebPreferences({ partition }),
    });
    const done = cookiesOnceSignedIn(window, ses, { accountId, baseUrl, logger }, () => {
      open.delete(accountId);
    });
    open.set(accountId, { window, done });
    const setup = network?.proxy ? ses.setProxy({ proxyRules: network.proxy }) : Promise.resolve();
    void setup
      .then(() => window.loadURL(signInUrl))
      .catch((error: unknown) => {
        // The window shows Chromium's error page; the user reads it and closes the window.
        logger.log('warn', 'sign-in page did not load', { accountId, error: String(error) });
      });
    return done;
  };

  const clear = async (accountId: string): Promise<void> => {
    const existing = open.get(accountId);
    if (existing !== undefined && !existing.window.isDestroyed()) existing.window.close();
    const ses = session.fromPartition(partitionFor(accountId));
    await ses.clearStorageData();
    await ses.clearCache();
  };

  return { signIn, clear };
}

/** The sign-in window's session asks for no permission, and trusts the account's certificates. */
function lockDown(ses: Electron.Session, host: string, network: NetworkOptions | undefined): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  if (network !== undefined) {
    ses.setCertificateVerifyProc((request, callback) => {
      callback(certificateVerdict(request, host, network));
    });
  }
}

/**
 * Resolves with the account's cookies once GitLab let the user in (a page past sign-in with the
 * session cookie set); rejects when the window closes first. The window may only navigate within
 * the account's address. `settled` runs once, either way.
 */
function cookiesOnceSignedIn(
  window: BrowserWindow,
  ses: Electron.Session,
  account: { readonly accountId: string; readonly baseUrl: string; readonly logger: Logger },
  settled: () => void,
): Promise<readonly SignInCookie[]> {
  const { accountId, baseUrl, logger } = account;
  return new Promise<readonly SignInCookie[]>((resolve, reject) => {
    let finished = false;
    const finish = (result: () => void): void => {
      if (finished) return;
      finished = true;
      settled();
      result();
      if (!window.isDestroyed()) window.close();
    };
    const contents = window.webContents;
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    const guard = (event: { preventDefault: () => void }, url: string): void => {
      if (isAllowedNavigation(url, baseUrl)) return;
      logger.log('warn', 'sign-in window navigation blocked', { accountId, host: safeHost(url) });
      event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('did-navigate', (_event, url) => {
      if (isSignInPage(url, baseUrl)) return;
      void ses.cookies.get({ url: baseUrl }).then(
        (cookies) => {
          if (!cookies.some((cookie) => cookie.name === SESSION_COOKIE)) return;
          logger.log('info', 'sign-in window finished', { accountId, cookies: cookies.length });
          finish(() => {
            resolve(cookies.map((cookie) => ({ name: cookie.name, value: cookie.value })));
          });
        },
        (error: unknown) => {
          logger.log('error', 'could not read sign-in cookies', {
            accountId,
            error: String(error),
          });
        },
      );
    });
    window.on('closed', () => {
      finish(() => {
        reject(new ContractError('bad-input', 'Sign-in was cancelled.'));
      });
    });
  });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unparsable URL';
  }
}
