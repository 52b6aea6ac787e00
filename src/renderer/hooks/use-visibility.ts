import { useEffect } from 'react';
import type { Bridge } from '../bridge/bridge';

/** Tells the core whether the window is visible and focused: hidden windows poll far less. */
export function useVisibilityReporting(bridge: Bridge): void {
  useEffect(() => {
    const report = (): void => {
      bridge.notify('app.visibility', { visible: !document.hidden, focused: document.hasFocus() });
    };
    report();
    document.addEventListener('visibilitychange', report);
    window.addEventListener('focus', report);
    window.addEventListener('blur', report);
    return () => {
      document.removeEventListener('visibilitychange', report);
      window.removeEventListener('focus', report);
      window.removeEventListener('blur', report);
    };
  }, [bridge]);
}
