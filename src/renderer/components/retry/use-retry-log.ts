import { useEffect, useRef } from 'react';
import { useRetries } from '../../hooks/use-retries';

/**
 * A retried job's tab opens with its job log beside the terminal, once: the log says how far the
 * script got while you wait for it to fail. Closing the pane afterwards is the user's choice.
 */
export function useRetryLog(openLog: (sessionId: string) => void): void {
  const retries = useRetries();
  const opened = useRef(new Set<string>());
  useEffect(() => {
    for (const retry of retries) {
      const sessionId = retry.sessionId;
      if (sessionId === null || opened.current.has(sessionId)) continue;
      opened.current.add(sessionId);
      openLog(sessionId);
    }
  }, [retries, openLog]);
}
