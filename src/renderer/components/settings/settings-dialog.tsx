import { useState } from 'react';
import type { SettingsPatch } from '../../../shared/contract';
import type { Settings } from '../../../shared/models';
import { useApp } from '../../hooks/app-context';

/** Preferences: theme, terminal font and scrollback, idle threshold, auto-release, notifications. */
export function SettingsDialog({
  settings,
  onClose,
}: {
  readonly settings: Settings;
  readonly onClose: () => void;
}) {
  const { bridge } = useApp();
  const [error, setError] = useState<string | null>(null);
  const update = (patch: SettingsPatch): void => {
    bridge.request('settings.update', patch).then(
      () => {
        setError(null);
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
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
        <NumberField
          label="Terminal font size (px)"
          value={settings.fontSize}
          onCommit={(fontSize) => update({ fontSize })}
        />
        <NumberField
          label="Scrollback (lines)"
          value={settings.scrollback}
          onCommit={(scrollback) => update({ scrollback })}
        />
        <NumberField
          label="Idle after (seconds without a keystroke)"
          value={settings.idleThresholdS}
          onCommit={(idleThresholdS) => update({ idleThresholdS })}
        />
        <label className="field">
          <span>
            <input
              type="checkbox"
              checked={settings.autoReleaseMinutes !== null}
              onChange={(e) => update({ autoReleaseMinutes: e.target.checked ? 10 : null })}
            />{' '}
            Release a held job automatically when its terminal is idle
          </span>
        </label>
        {settings.autoReleaseMinutes !== null && (
          <NumberField
            label="… after this many idle minutes"
            value={settings.autoReleaseMinutes}
            onCommit={(autoReleaseMinutes) => update({ autoReleaseMinutes })}
          />
        )}
        <Toggle
          label="Desktop notifications"
          checked={settings.notifications}
          onChange={(notifications) => update({ notifications })}
        />
        <Toggle
          label="Copy on selection"
          checked={settings.copyOnSelect}
          onChange={(copyOnSelect) => update({ copyOnSelect })}
        />
        <Toggle
          label="Start at login"
          checked={settings.startAtLogin}
          onChange={(startAtLogin) => update({ startAtLogin })}
        />
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
