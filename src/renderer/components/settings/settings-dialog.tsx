import { useState } from 'react';
import type { SettingsPatch } from '../../../shared/contract';
import type { Settings } from '../../../shared/models';
import { useApp } from '../../hooks/app-context';
import { TranscriptSettingsSection } from './transcript-settings';
import { NotificationPermission } from './notification-permission';
import { userMessage } from '../../forms/contract-messages';

/** Numeric settings; the core clamps each to its documented bounds. */
const NUMBER_FIELDS = [
  { key: 'fontSize', label: 'Terminal font size (px)' },
  { key: 'scrollback', label: 'Scrollback (lines)' },
  { key: 'idleThresholdS', label: 'Idle after (seconds without a keystroke)' },
  { key: 'finishedJobsHours', label: 'List failed jobs of the last (hours, 1–168)' },
] as const;

/** `desktopOnly` toggles do nothing in browser mode, so they are not offered there. */
const TOGGLES = [
  {
    key: 'notifications',
    label: 'Desktop notifications',
    browserLabel: 'Browser notifications when a job is held open',
    desktopOnly: false,
  },
  { key: 'copyOnSelect', label: 'Copy on selection', browserLabel: null, desktopOnly: false },
  { key: 'startAtLogin', label: 'Start at login', browserLabel: null, desktopOnly: true },
] as const;

/** Auto-release starts at a third of the runner's default 30-minute session timeout. */
const DEFAULT_AUTO_RELEASE_MINUTES = 10;

/** Preferences: theme, terminal font and scrollback, idle threshold, auto-release, notifications. */
export function SettingsDialog({
  settings,
  onClose,
}: {
  readonly settings: Settings;
  readonly onClose: () => void;
}) {
  const { bridge } = useApp();
  const browser = bridge.kind === 'browser';
  const [error, setError] = useState<string | null>(null);
  const update = (patch: SettingsPatch): void => {
    bridge.request('settings.update', patch).then(
      () => {
        setError(null);
      },
      (e: unknown) => {
        setError(userMessage(e));
      },
    );
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        onClick={(e) => {
          e.stopPropagation();
        }}
      >
        <h2 id="settings-title">Settings</h2>
        <label className="field">
          Theme
          <select
            value={settings.theme}
            onChange={(e) => {
              const theme = e.target.value;
              if (theme === 'system' || theme === 'light' || theme === 'dark') update({ theme });
            }}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        {NUMBER_FIELDS.map(({ key, label }) => (
          <NumberField
            key={`${key}-${settings[key]}`}
            label={label}
            value={settings[key]}
            onCommit={(value) => update({ [key]: value })}
          />
        ))}
        <Toggle
          label="Release a held job automatically when its terminal is idle"
          checked={settings.autoReleaseMinutes !== null}
          onChange={(on) =>
            update({ autoReleaseMinutes: on ? DEFAULT_AUTO_RELEASE_MINUTES : null })
          }
        />
        {settings.autoReleaseMinutes !== null && (
          <NumberField
            label="… after this many idle minutes"
            value={settings.autoReleaseMinutes}
            onCommit={(autoReleaseMinutes) => update({ autoReleaseMinutes })}
          />
        )}
        {TOGGLES.filter((t) => !(browser && t.desktopOnly)).map(({ key, label, browserLabel }) => (
          <Toggle
            key={key}
            label={browser ? (browserLabel ?? label) : label}
            checked={settings[key]}
            onChange={(value) => update({ [key]: value })}
          />
        ))}
        <TranscriptSettingsSection />
        {browser && settings.notifications && <NotificationPermission />}
        {browser && (
          <p className="muted settings-note">
            Browser mode: start at login and the tray belong to the desktop app.
          </p>
        )}
        {error !== null && <p className="field-error">{error}</p>}
        <div className="actions">
          <button className="primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}

function NumberField(props: {
  readonly label: string;
  readonly value: number;
  readonly onCommit: (value: number) => void;
}) {
  const [draft, setDraft] = useState(String(props.value));
  const commit = (): void => {
    const parsed = Number(draft);
    if (Number.isFinite(parsed)) props.onCommit(parsed);
    else setDraft(String(props.value));
  };
  return (
    <label className="field">
      {props.label}
      <input
        type="number"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}

function Toggle(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (value: boolean) => void;
}) {
  return (
    <label className="field">
      <span>
        <input
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
        />{' '}
        {props.label}
      </span>
    </label>
  );
}
