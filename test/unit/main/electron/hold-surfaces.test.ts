import { beforeEach, describe, expect, it } from 'vitest';
import { createJobTerminalModel } from '../../../../src/main/core/hold/job-terminals';
import { createAppTray } from '../../../../src/main/electron/app-tray';
import { createDesktopNotifier } from '../../../../src/main/electron/desktop-notifier';
import { connectTrayView } from '../../../../src/main/electron/tray-view';
import type { AppNotification, SessionState, SessionView } from '../../../../src/shared/models';
import { RecordingCore } from '../../support/fake-core';
import { resetShellUiMock, shellUiMock } from '../../mocks/electron';

const NOW = 1_700_000_000_000;
const HELD: SessionState = {
  kind: 'held',
  since: NOW,
  hold: { deadline: NOW + 600_000, timeoutS: 1800, idle: true, kept: false, scriptResult: null },
};

const session = (state: SessionState): SessionView => ({
  id: 't1',
  accountId: 'acc',
  jobId: 42,
  projectId: 1,
  projectPath: 'acme/api',
  jobName: 'rspec',
  webUrl: 'https://gitlab.example/acme/api/-/jobs/42',
  state,
  lastInputAt: null,
  lastOutputAt: null,
  connections: 1,
  droppedBytes: 0,
});

const alert: AppNotification = {
  id: 'held-idle:t1:10:00',
  kind: 'held-idle',
  title: 'rspec is held open by your terminal',
  body: 'rspec finished its script.',
  sessionId: 't1',
  actions: ['release', 'keep', 'focus'],
};

/** The Electron side as index.ts wires it: model → desktop notifier, model event → tray. */
function wire() {
  const notifier = createDesktopNotifier({ onAction: () => undefined });
  const model = createJobTerminalModel(notifier);
  const core = new RecordingCore(() => model.snapshot());
  model.onChange((snapshot) => {
    core.emit('jobTerminals.changed', snapshot);
  });
  const tray = createAppTray({
    iconDir: '/icons',
    onShow: () => undefined,
    onQuit: () => undefined,
    onReleaseAllIdle: () => undefined,
    onSession: () => undefined,
  });
  connectTrayView(core, tray, () => NOW);
  const trayMock = shellUiMock.trays[0];
  if (trayMock === undefined) throw new Error('no tray was created');
  const labels = (): string[] => (trayMock.menus.at(-1) ?? []).map((item) => item.label ?? '-');
  return { notifier, model, trayMock, labels };
}

describe('held-open alert on the desktop', () => {
  beforeEach(() => {
    resetShellUiMock();
  });

  it.each([
    'released',
    'job-canceled',
    'hold-timed-out',
    'job-finished',
    'account-removed',
  ] as const)(
    'closes the OS notification and rebuilds the tray on the same change when the hold ends (%s)',
    (code) => {
      const { notifier, model, trayMock, labels } = wire();
      model.update([session(HELD)]);
      expect(model.alert(alert)).toBe(true);
      notifier.show(alert);
      const native = shellUiMock.notifications[0];
      expect(native?.shown).toBe(true);
      expect(labels()).toContain('rspec #42 — held open, 10:00 left (idle)');
      expect(labels()).toContain('Release all idle held jobs (1)');
      const menusBefore = trayMock.menus.length;

      model.update([session({ kind: 'closed', reason: { code, message: 'ended' } })]);

      expect(native?.closed).toBe(true);
      expect(trayMock.menus.length).toBe(menusBefore + 1);
      expect(labels().some((label) => label.startsWith('rspec'))).toBe(false);
      expect(labels()).toContain('Release all idle held jobs');
      expect(trayMock.tooltip).toBe('Jobshell: no terminals open');
    },
  );

  it('closes the OS notification when the tab is closed', () => {
    const { notifier, model, labels } = wire();
    model.update([session(HELD)]);
    model.alert(alert);
    notifier.show(alert);
    model.update([]);
    expect(shellUiMock.notifications[0]?.closed).toBe(true);
    expect(labels().some((label) => label.startsWith('rspec'))).toBe(false);
  });
});
