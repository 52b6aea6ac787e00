import type { SettingsPatch } from '../../../shared/contract';
import type { Settings } from '../../../shared/models';
import type { SettingsStore } from '../ports';
import type { Unsubscribe } from '../services';
import { applySettingsPatch, settingsFromStored } from './settings-rules';

const SETTINGS_KEY = 'settings';

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings) => void): Unsubscribe;
}

/** Keeps the user's settings in the SettingsStore, clamped to their documented bounds. */
export function createSettingsService(store: SettingsStore): SettingsService {
  let current = settingsFromStored(store.read(SETTINGS_KEY));
  const listeners = new Set<(settings: Settings) => void>();
  return {
    get: () => current,
    update: (patch) => {
      const next = applySettingsPatch(current, patch);
      store.write(SETTINGS_KEY, next);
      current = next;
      for (const listener of listeners) listener(next);
      return next;
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
