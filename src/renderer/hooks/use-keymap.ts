import { useMemo } from 'react';
import { keymapFor, type Keymap } from '../keys/keymap';
import { IS_MAC } from '../keys/platform';
import { useApp } from './app-context';

/** The keymap of the mode this renderer runs in (the bridge knows: Electron or browser). */
export function useKeymap(): Keymap {
  const { bridge } = useApp();
  return useMemo(
    () => keymapFor(bridge.kind === 'browser' ? 'browser' : 'desktop', IS_MAC),
    [bridge],
  );
}
