/**
 * The wire between the two halves of the stand-in: the `electron` module inside the app's process
 * (app/) and the host inside the test (host/), which owns Chromium. One Node IPC channel
 * (child_process.fork, advanced serialization) carries calls both ways.
 */

/** A cookie as Electron's `Cookies.get` resolves it (docs/api/structures/cookie.md). */
export interface StandinCookie {
  readonly name: string;
  readonly value: string;
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly session: boolean;
  readonly expirationDate?: number;
  readonly sameSite: 'unspecified' | 'no_restriction' | 'lax' | 'strict';
}

/** The filter of `Cookies.get` (docs/api/cookies.md) that the stand-in honours. */
export interface CookieFilter {
  readonly url?: string;
  readonly name?: string;
  readonly domain?: string;
  readonly path?: string;
}

export interface WindowSpec {
  readonly windowId: number;
  readonly webContentsId: number;
  readonly partition: string;
  /** Source of the preload file (read in the app's process, where the path is meaningful). */
  readonly preload: { readonly path: string; readonly source: string } | null;
  readonly title: string;
  readonly width: number;
  readonly height: number;
}

export interface MenuItemState {
  readonly label: string;
  readonly type: 'normal' | 'separator' | 'checkbox' | 'radio' | 'submenu';
  readonly enabled: boolean;
}

export interface TrayState {
  readonly destroyed: boolean;
  /** File name of the current image (the directory says nothing a test needs). */
  readonly image: string;
  readonly toolTip: string;
  readonly menu: readonly MenuItemState[];
}

export interface NotificationState {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly actions: readonly string[];
  /** shown → closed (by the app's close()) or dismissed (by the user). */
  readonly status: 'created' | 'shown' | 'closed' | 'dismissed';
}

export interface DialogRequest {
  readonly id: number;
  readonly type: string;
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
}

export interface DialogAnswer {
  readonly response: number;
  readonly checkboxChecked: boolean;
}

/** What Electron's `setCertificateVerifyProc` receives (docs/api/session.md), as far as sent. */
export interface VerifyRequestWire {
  readonly hostname: string;
  readonly verificationResult: string;
  readonly errorCode: number;
  /** PEM chain, leaf first. */
  readonly chain: readonly string[];
}

/** A request to a handled custom scheme, as its `scheme://` URL (docs/api/protocol.md, handle). */
export interface ProtocolRequestWire {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
}

/** The handler's Response, read whole. */
export interface ProtocolResponseWire {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** Test actions that reach the app's process (user input the OS would deliver). */
export type Control =
  | { readonly op: 'window.close'; readonly webContentsId: number }
  | { readonly op: 'tray.click' }
  | { readonly op: 'tray.menu'; readonly label: string | RegExp }
  | { readonly op: 'notification.click'; readonly id: number }
  | { readonly op: 'notification.action'; readonly id: number; readonly index: number }
  | { readonly op: 'notification.dismiss'; readonly id: number }
  | { readonly op: 'power'; readonly event: string }
  | { readonly op: 'theme'; readonly dark: boolean }
  | { readonly op: 'app.quit' };

/** Calls from the app's process to the host: [payload, result]. */
export type ToHost = {
  'window.create': [WindowSpec, null];
  'window.load': [{ readonly webContentsId: number; readonly url: string }, null];
  'window.destroy': [{ readonly webContentsId: number }, null];
  'window.focus': [{ readonly webContentsId: number }, null];
  'contents.send': [
    { readonly webContentsId: number; readonly channel: string; readonly args: unknown[] },
    null,
  ];
  'session.cookies': [
    { readonly partition: string; readonly filter: CookieFilter },
    StandinCookie[],
  ];
  'session.clear': [{ readonly partition: string; readonly what: 'storage' | 'cache' }, null];
  'session.configure': [
    {
      readonly partition: string;
      readonly proxyRules?: string | null;
      readonly verifyProc?: boolean;
      readonly permissionHandler?: boolean;
    },
    null,
  ];
  tray: [TrayState, null];
  notification: [NotificationState, null];
  dialog: [DialogRequest, DialogAnswer];
  'shell.openExternal': [{ readonly url: string }, null];
  theme: [{ readonly dark: boolean }, null];
  lifecycle: [{ readonly event: string }, null];
  'single-instance': [{ readonly primary: boolean }, null];
  'protocol.handle': [{ readonly scheme: string }, null];
};

/** Calls from the host to the app's process: [payload, result]. */
export type ToApp = {
  ipc: [
    {
      readonly webContentsId: number;
      readonly frameUrl: string;
      readonly kind: 'invoke' | 'send';
      readonly channel: string;
      readonly args: unknown[];
    },
    unknown,
  ];
  navigation: [
    {
      readonly webContentsId: number;
      readonly event: 'will-navigate' | 'will-redirect';
      readonly url: string;
    },
    { readonly prevented: boolean },
  ];
  'page.event': [
    {
      readonly webContentsId: number;
      readonly event: 'did-navigate' | 'did-finish-load' | 'dom-ready' | 'closed';
      readonly url?: string;
      readonly httpResponseCode?: number;
      readonly httpStatusText?: string;
    },
    null,
  ];
  'window.open': [
    {
      readonly webContentsId: number;
      readonly url: string;
      readonly frameName: string;
      readonly features: string;
    },
    { readonly action: 'allow' | 'deny' },
  ];
  permission: [
    {
      readonly partition: string;
      readonly webContentsId: number;
      readonly permission: string;
      /** The (app-side) URL of the page the permission is for. */
      readonly requestingUrl: string;
    },
    boolean,
  ];
  certificate: [{ readonly partition: string; readonly request: VerifyRequestWire }, number];
  control: [Control, null];
  'protocol.request': [ProtocolRequestWire, ProtocolResponseWire];
};

export type Wire =
  | { readonly kind: 'call'; readonly id: number; readonly op: string; readonly payload: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: string };
