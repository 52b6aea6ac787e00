/** macOS uses Cmd where other systems use Ctrl (for shortcuts and their labels). */
export const IS_MAC = /mac/i.test(navigator.platform);

/** Shortcut labels for tooltips, e.g. `${MOD}+1`. */
export const MOD = IS_MAC ? 'Cmd' : 'Ctrl';
/** The in-terminal form of app letter shortcuts (see shortcuts.ts): Cmd+F or Ctrl+Shift+F. */
export const APP_MOD = IS_MAC ? 'Cmd' : 'Ctrl+Shift';
