import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTING_BOUNDS,
  settingsFromStored,
} from '../../../../../src/main/core/settings/settings-rules';
import { createSettingsService } from '../../../../../src/main/core/settings/settings-service';
import type { SettingsStore } from '../../../../../src/main/core/ports';

function memoryStore(
  initial: Record<string, unknown> = {},
): SettingsStore & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    read: (key) => data[key],
    write: (key, value) => {
      data[key] = value;
    },
    delete: (key) => {
      data[key] = undefined;
    },
  };
}

describe('settings', () => {
  it('starts from defaults and persists a clamped update', () => {
    const store = memoryStore();
    const service = createSettingsService(store);
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    const seen: unknown[] = [];
    service.onChange((s) => seen.push(s));
    const next = service.update({
      fontSize: 400,
      scrollback: 5,
      idleThresholdS: 30,
      autoReleaseMinutes: 0,
    });
    expect(next.fontSize).toBe(SETTING_BOUNDS.fontSize.max);
    expect(next.scrollback).toBe(SETTING_BOUNDS.scrollback.min);
    expect(next.idleThresholdS).toBe(30);
    expect(next.autoReleaseMinutes).toBe(SETTING_BOUNDS.autoReleaseMinutes.min);
    expect(store.data.settings).toEqual(next);
    expect(seen).toEqual([next]);
    expect(createSettingsService(store).get()).toEqual(next);
  });

  it('clamps the finished-jobs window to 1–168 hours (default 24)', () => {
    const service = createSettingsService(memoryStore());
    expect(service.get().finishedJobsHours).toBe(24);
    expect(service.update({ finishedJobsHours: 0 }).finishedJobsHours).toBe(1);
    expect(service.update({ finishedJobsHours: 1000 }).finishedJobsHours).toBe(168);
    expect(settingsFromStored({ finishedJobsHours: 48 }).finishedJobsHours).toBe(48);
  });

  it('reads a damaged settings file field by field', () => {
    expect(settingsFromStored('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromStored({ theme: 'neon', fontSize: '20', notifications: false })).toEqual({
      ...DEFAULT_SETTINGS,
      notifications: false,
    });
  });
});
