import { beforeEach, describe, expect, it } from 'vitest';
import { createMainWindow } from '../../../../src/main/electron/main-window';
import { createSignInWindows } from '../../../../src/main/electron/sign-in-window';
import { HARDENED_WEB_PREFERENCES } from '../../../../src/main/electron/web-preferences';
import { electronMock, resetElectronMock } from '../../mocks/electron';
import { captureLogger } from '../../support/capture-logger';

/**
 * Electronegativity cannot follow the shared preferences object into the two windows (its
 * findings for them are allow-listed on the strength of this test): both windows get all of it.
 */
describe('hardened webPreferences', () => {
  beforeEach(() => {
    resetElectronMock();
  });

  it('are what both windows are created with, plus only their own preload or partition', () => {
    createMainWindow({
      outDir: '/app',
      devServerUrl: undefined,
      bounds: null,
      onBoundsChanged: () => undefined,
    });
    void createSignInWindows(captureLogger())
      .signIn('acc1', 'https://gitlab.example.com')
      .catch(() => undefined);
    const [main, signIn] = electronMock.windows.map((w) => w.options.webPreferences);
    expect(main).toEqual({ ...HARDENED_WEB_PREFERENCES, preload: '/app/preload/index.cjs' });
    expect(signIn).toEqual({ ...HARDENED_WEB_PREFERENCES, partition: 'persist:account-acc1' });
    expect(HARDENED_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });
});
