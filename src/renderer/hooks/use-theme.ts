import { useEffect, useState } from 'react';
import type { Theme } from '../../shared/models';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Resolves the chosen theme against the OS and applies it to <html data-theme>. */
export function useTheme(theme: Theme): 'light' | 'dark' {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const onChange = (): void => {
      setSystemDark(query.matches);
    };
    query.addEventListener('change', onChange);
    return () => {
      query.removeEventListener('change', onChange);
    };
  }, []);
  const resolved = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);
  return resolved;
}
