import { useCallback, useRef, useState } from 'react';
import { fieldError, type FieldError } from './account-errors';

export interface Submit<A extends readonly unknown[]> {
  readonly busy: boolean;
  readonly error: FieldError | null;
  readonly run: (...args: A) => void;
  readonly clear: () => void;
}

/**
 * Runs one request at a time for a form: `busy` while it runs, the core's error placed by field,
 * `onDone` with the result. A second click while busy is ignored.
 */
export function useSubmit<A extends readonly unknown[], T>(
  action: (...args: A) => Promise<T>,
  onDone: (result: T) => void,
  onError?: (error: FieldError) => void,
): Submit<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FieldError | null>(null);
  const running = useRef(false);
  const run = useCallback(
    (...args: A) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setError(null);
      action(...args).then(
        (result) => {
          running.current = false;
          setBusy(false);
          onDone(result);
        },
        (caught: unknown) => {
          running.current = false;
          setBusy(false);
          const placed = fieldError(caught);
          setError(placed);
          onError?.(placed);
        },
      );
    },
    [action, onDone, onError],
  );
  const clear = useCallback(() => {
    setError(null);
  }, []);
  return { busy, error, run, clear };
}
