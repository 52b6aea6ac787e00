/** What the host asks of the app's process: renderer messages, page events, user input. */
import type { Control, VerifyRequestWire } from '../protocol';
import { app } from './app';
import { nativeThemeImpl, powerMonitorImpl } from './desktop-services';
import { hostLink } from './host-link';
import { ipcMainImpl } from './ipc-main';
import { notificationById } from './notification';
import { answerProtocolRequest } from './protocol';
import { sessionFor, type StandinCertificate, type VerifyRequest } from './session';
import { currentTray } from './tray';
import { electronEvent, guarded, NotImplementedInStandin } from './unsupported';
import { contentsById, windowForContents, type StandinWebContents } from './windows';

function liveContents(id: number): StandinWebContents {
  const found = contentsById(id);
  if (found === undefined || found.destroyed) throw new Error(`webContents ${id} is gone`);
  return found;
}

/** Docs, structures/certificate.md: a chain as linked `issuerCert`s, the root its own issuer. */
function certificateChain(pems: readonly string[]): StandinCertificate {
  let issuer: StandinCertificate | undefined;
  for (const pem of [...pems].reverse()) issuer = { data: pem, issuerCert: issuer };
  if (issuer === undefined) throw new Error('an empty certificate chain');
  return issuer;
}

function verifyRequest(wire: VerifyRequestWire): VerifyRequest {
  const certificate = certificateChain(wire.chain);
  return {
    hostname: wire.hostname,
    certificate,
    validatedCertificate: certificate,
    isIssuedByKnownRoot: wire.errorCode === 0,
    verificationResult: wire.verificationResult,
    errorCode: wire.errorCode,
  };
}

function control(action: Control): void {
  switch (action.op) {
    case 'window.close': {
      const window = windowForContents(action.webContentsId);
      if (window === undefined)
        throw new Error(`No window shows webContents ${action.webContentsId}`);
      window.close();
      return;
    }
    case 'tray.click':
      requireTray().userClick();
      return;
    case 'tray.menu':
      requireTray().userChoose(action.label);
      return;
    case 'notification.click':
      notificationById(action.id).userClick();
      return;
    case 'notification.action':
      notificationById(action.id).userAction(action.index);
      return;
    case 'notification.dismiss':
      notificationById(action.id).userDismiss();
      return;
    case 'power':
      powerMonitorImpl.emit(action.event, electronEvent({}));
      return;
    case 'theme':
      nativeThemeImpl.setSystemDark(action.dark);
      return;
    case 'app.quit':
      app.quit();
      return;
  }
}

function requireTray(): NonNullable<ReturnType<typeof currentTray>> {
  const tray = currentTray();
  if (tray === null) throw new Error('The app has no tray');
  return tray;
}

export function installHostHandlers(): void {
  const link = hostLink();
  link.handle('ipc', async ({ webContentsId, frameUrl, kind, channel, args }) => {
    const sender = liveContents(webContentsId);
    // Docs, IpcMainEvent / IpcMainInvokeEvent: sender, senderFrame (WebFrameMain), frameId, processId.
    const senderFrame = guarded('WebFrameMain', {
      url: frameUrl,
      name: '',
      routingId: 1,
      processId: 1,
    });
    const base = { sender, senderFrame, frameId: 1, processId: 1 };
    if (kind === 'invoke') return await ipcMainImpl.invoke(base, channel, args);
    ipcMainImpl.deliver(sender, electronEvent({ ...base, returnValue: undefined }), channel, args);
    return null;
  });
  link.handle('navigation', ({ webContentsId, event, url }) => {
    const contents = liveContents(webContentsId);
    const details = electronEvent({ url, isMainFrame: true, isSameDocument: false });
    contents.emit(event, details, url, false, true);
    return { prevented: details.defaultPrevented };
  });
  link.handle('page.event', ({ webContentsId, event, url, httpResponseCode, httpStatusText }) => {
    if (event === 'closed') {
      windowForContents(webContentsId)?.gone();
      return null;
    }
    const contents = contentsById(webContentsId);
    if (contents === undefined || contents.destroyed) return null;
    if (event === 'did-navigate') {
      contents.url = url ?? '';
      contents.emit(event, electronEvent({}), url, httpResponseCode ?? 200, httpStatusText ?? '');
    } else {
      contents.emit(event, electronEvent({}));
    }
    return null;
  });
  link.handle('window.open', ({ webContentsId, url, frameName, features }) => {
    const contents = liveContents(webContentsId);
    // Docs, setWindowOpenHandler: without a handler, windows are allowed.
    const verdict = contents.openHandler?.({
      url,
      frameName,
      features,
      disposition: 'new-window',
      referrer: { url: contents.url, policy: 'strict-origin-when-cross-origin' },
    }) ?? { action: 'allow' };
    if (verdict.action === 'allow')
      throw new NotImplementedInStandin('child windows allowed by setWindowOpenHandler');
    return { action: verdict.action };
  });
  link.handle('permission', ({ partition, webContentsId, permission, requestingUrl }) =>
    sessionFor(partition).decidePermission(contentsById(webContentsId), permission, requestingUrl),
  );
  link.handle('certificate', ({ partition, request }) => {
    const proc = sessionFor(partition).verifyProc;
    if (proc === null) return -3;
    return new Promise<number>((decide) => {
      proc(verifyRequest(request), decide);
    });
  });
  link.handle('protocol.request', answerProtocolRequest);
  link.handle('control', (action) => {
    control(action);
    return null;
  });
  process.on('disconnect', () => {
    // The test went away: the app goes too, as a real one would when its display closes.
    app.exit(0);
  });
}
