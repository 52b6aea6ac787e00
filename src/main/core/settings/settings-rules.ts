/** Settings defaults and bounds: numbers from the user are clamped, never trusted. */
import type { SettingsPatch } from '../../../shared/contract';
import type { Settings } from '../../../shared/models';

export interface Bounds {
  readonly min: number;
  readonly max: number;
}

/** Documented bounds; each reason is why a value outside would hurt. */
export const SETTING_BOUNDS = {
  /** Below 8 px text is unreadable; above 32 px an 80-column terminal no longer fits a laptop. */
  fontSize: { min: 8, max: 32 },
  /** xterm keeps scrollback in memory: 100 000 lines of 200 columns is already ~100 MB per tab. */
  scrollback: { min: 100, max: 100_000 },
  /** Under 10 s a pause to read output would count as idle; over an hour it never would. */
  idleThresholdS: { min: 10, max: 3600 },
  /** The runner's default session_timeout is 30 min; 120 covers raised limits. */
  autoReleaseMinutes: { min: 1, max: 120 },
  /** Finished jobs listed: at least the last hour, at most a week (older failures are history). */
  finishedJobsHours: { min: 1, max: 168 },
} as const satisfies Readonly<Record<string, Bounds>>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontSize: 13,
  scrollback: 5000,
  idleThresholdS: 60,
  autoReleaseMinutes: null,
  copyOnSelect: false,
  notifications: true,
  startAtLogin: false,
  finishedJobsHours: 24,
};

export function clamp(value: number, bounds: Bounds): number {
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(value)));
}

/** Applies a validated patch to the current settings, clamping every number to its bounds. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return {
    theme: patch.theme ?? current.theme,
    fontSize: clamp(patch.fontSize ?? current.fontSize, SETTING_BOUNDS.fontSize),
    scrollback: clamp(patch.scrollback ?? current.scrollback, SETTING_BOUNDS.scrollback),
    idleThresholdS: clamp(
      patch.idleThresholdS ?? current.idleThresholdS,
      SETTING_BOUNDS.idleThresholdS,
    ),
    autoReleaseMinutes:
      patch.autoReleaseMinutes === undefined
        ? current.autoReleaseMinutes
        : patch.autoReleaseMinutes === null
          ? null
          : clamp(patch.autoReleaseMinutes, SETTING_BOUNDS.autoReleaseMinutes),
    copyOnSelect: patch.copyOnSelect ?? current.copyOnSelect,
    notifications: patch.notifications ?? current.notifications,
    startAtLogin: patch.startAtLogin ?? current.startAtLogin,
    finishedJobsHours: clamp(
      patch.finishedJobsHours ?? current.finishedJobsHours,
      SETTING_BOUNDS.finishedJobsHours,
    ),
  };
}

/** Reads stored settings defensively: a damaged file falls back field by field to defaults. */
export function settingsFromStored(stored: unknown): Settings {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SETTINGS;
  const s = stored as Record<string, unknown>;
  const num = (key: string): number | undefined =>
    typeof s[key] === 'number' ? s[key] : undefined;
  const bool = (key: string): boolean | undefined =>
    typeof s[key] === 'boolean' ? s[key] : undefined;
  const theme =
    s.theme === 'light' || s.theme === 'dark' || s.theme === 'system' ? s.theme : undefined;
  const autoRelease = s.autoReleaseMinutes === null ? null : num('autoReleaseMinutes');
  return applySettingsPatch(DEFAULT_SETTINGS, {
    ...(theme === undefined ? {} : { theme }),
    ...optionalNumber('fontSize', num('fontSize')),
    ...optionalNumber('scrollback', num('scrollback')),
    ...optionalNumber('idleThresholdS', num('idleThresholdS')),
    ...optionalNumber('finishedJobsHours', num('finishedJobsHours')),
    ...(autoRelease === undefined ? {} : { autoReleaseMinutes: autoRelease }),
    ...optionalBool('copyOnSelect', bool('copyOnSelect')),
    ...optionalBool('notifications', bool('notifications')),
    ...optionalBool('startAtLogin', bool('startAtLogin')),
  });
}

function optionalNumber(key: string, value: number | undefined): Record<string, number> {
  return value === undefined ? {} : { [key]: value };
}

function optionalBool(key: string, value: boolean | undefined): Record<string, boolean> {
  return value === undefined ? {} : { [key]: value };
}
