import { useEffect, useState } from 'react';
import type { HistoryList } from '../../../shared/history-models';
import { useApp } from '../../hooks/app-context';

/** The attach history, fetched when first shown and kept current from `history.changed`. */
export function useHistory(): { readonly list: HistoryList | null; readonly error: string | null } {
  const { bridge } = useApp();
  const [list, setList] = useState<HistoryList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const stop = bridge.on('history.changed', (next) => {
      setList(next);
    });
    bridge.request('history.list', {}).then(
      (first) => {
        if (live) setList((current) => current ?? first);
      },
      (caught: unknown) => {
        if (live) setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      live = false;
      stop();
    };
  }, [bridge]);
  return { list, error };
}
